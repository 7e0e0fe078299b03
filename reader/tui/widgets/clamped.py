"""Text wrapped between words to a number of rows, the last row ending in … when the rest is cut."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.visual import Visual

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions


def clamp(content: Content, width: int, lines: int) -> list[Content]:
    """`content` wrapped to `width`, at most `lines` rows; a cut shows as … after the last whole
    word that leaves room for it."""
    width = max(width, 1)
    rows = content.wrap(width)
    if len(rows) <= lines:
        return rows
    rows = rows[:lines]
    last = rows[-1].rstrip()
    if cell_len(last.plain) > width - 1:
        space = _last_space_within(last.plain, width - 1)
        last = last[:space].rstrip() if space > 0 else last.truncate(width - 1)
    # A cut right after a " · " (pack's separator) ended "Zeta Wire ·…": the dot goes with the rest.
    rows[-1] = last.rstrip(SEPARATOR) + "…"
    return rows


SEPARATOR = " · "


def _last_space_within(plain: str, cells: int) -> int:
    """The place of the last space with at most `cells` cells before it, or -1. Counted in
    cells, not characters: a row with combining marks or zero-width characters (no cell each)
    missed the last space that fitted and was cut inside a word ("éééééé abcd…")."""
    space = plain.rfind(" ")
    while space > 0 and cell_len(plain[:space]) > cells:
        space = plain.rfind(" ", 0, space)
    return space


def pack(parts: list[Content], width: int) -> Content:
    """Parts joined by " · ", a line breaking between two parts ("12 outlets ·" / "by date") rather
    than inside one; a part longer than a line goes on where the line is, to be wrapped."""
    mark = SEPARATOR.rstrip()
    lines: list[Content] = []
    line: Content | None = None
    for index, part in enumerate(parts):
        if line is None:
            line = part
            continue
        last = index == len(parts) - 1
        joined = cell_len(line.plain) + len(SEPARATOR) + cell_len(part.plain) + (0 if last else len(mark))
        if joined <= width or cell_len(part.plain) + len(mark) > width:
            line = line + SEPARATOR + part
        else:
            lines.append(line + mark)
            line = part
    if line is not None:
        lines.append(line)
    return Content("\n").join(lines)


class Clamped(Visual):
    """Paragraphs, each wrapped to at most its own number of rows (`Clamped(content, lines)` for
    one): the search hint in a narrow sidebar stopped mid-sentence ("↓ or"), with no sign of the
    rest; the coverage view's lines in a narrow terminal were cut inside a name."""

    def __init__(self, content: Content | None = None, lines: int = 1, *, paragraphs=()) -> None:
        """`paragraphs`: (text, rows) pairs, a text being a Content or a list of parts (pack)."""
        self.paragraphs: list[tuple[Content | list[Content], int]] = list(paragraphs)
        if content is not None:
            self.paragraphs.insert(0, (content, lines))

    def __str__(self) -> str:
        return "\n".join(str(self._text(text, 10_000)) for text, _ in self.paragraphs)  # the whole text

    @staticmethod
    def _text(text: Content | list[Content], width: int) -> Content:
        return pack(text, width) if isinstance(text, list) else text

    def _rows(self, width: int) -> list[Content]:
        return [row for text, lines in self.paragraphs for row in clamp(self._text(text, width), width, lines)]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return Content("\n").join(self._rows(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        texts = [self._text(text, container_width) for text, _ in self.paragraphs]
        return max((text.get_optimal_width(rules, container_width) for text in texts), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._rows(width))
