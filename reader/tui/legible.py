"""Theme colours made legible: text at least 4.5:1 against what it is drawn on (WCAG AA).

Many of Textual's themes draw some text below that: textual-light's $text-warning on its surface
is 3.0:1 (a starred mark, a search match in the results), solarized's foreground on its surface
4.1:1, a block cursor's text on the cursor 2.4:1 in gruvbox. Each such colour is moved toward
black (a light background) or white (a dark one), the least that reaches the ratio, so a theme
keeps its look; what already passes is left exactly as the theme has it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.color import Color as RichColor
from rich.color import ColorType
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color, ColorParseError
from textual.filter import LineFilter

AA_TEXT = 4.5

# Text colours and the backgrounds each is drawn on (reader's panes, its status bar, the footer).
_PANES = ("surface", "background", "panel")
TEXT_ON = {
    "foreground": _PANES,
    "text-primary": _PANES,
    "text-secondary": _PANES,
    "text-accent": _PANES,
    "text-warning": _PANES,
    "text-error": _PANES,
    "text-success": _PANES,
    "block-cursor-foreground": ("block-cursor-background",),
    "footer-key-foreground": ("footer-background",),
    "footer-description-foreground": ("footer-background",),
}


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _opaque(value: str | None) -> Color | None:
    """The colour a variable holds, or None when it is not one plain colour (auto, ANSI, a tint)."""
    if not value or value.startswith(("auto", "ansi")):
        return None
    try:
        color = Color.parse(value)
    except ColorParseError:
        return None
    return color if color.a == 1 and not color.ansi else None


def _auto(value: str | None, backgrounds: list[Color]) -> Color | None:
    """An `auto N%` text colour as drawn on the one background it is for (a cursor's text)."""
    if not value or not value.startswith("auto") or len(backgrounds) != 1:
        return None
    alpha = value.removeprefix("auto").strip().rstrip("%")
    try:
        share = float(alpha) / 100 if alpha else 1.0
    except ValueError:
        return None
    return backgrounds[0] + backgrounds[0].get_contrast_text(share)


def _legible_against(text: Color, backgrounds: list[Color]) -> Color:
    """`text`, moved the least toward black or white (the one it is nearer) that reads at AA_TEXT
    on every background."""
    if min(contrast(text, b) for b in backgrounds) >= AA_TEXT:
        return text
    best = text
    lighter = luminance(text) > sum(luminance(b) for b in backgrounds) / len(backgrounds)
    black, white = Color(0, 0, 0), Color(255, 255, 255)
    for target in (white, black) if lighter else (black, white):  # its own side first: its look
        for step in range(1, 21):
            moved = text.blend(target, step / 20)
            if min(contrast(moved, b) for b in backgrounds) >= AA_TEXT:
                return moved
        best = max((best, target), key=lambda c: min(contrast(c, b) for b in backgrounds))
    return best  # no shade reads on them all: the one that reads best


def legible(variables: dict[str, str]) -> dict[str, str]:
    """The theme's CSS variables with each text colour of TEXT_ON made to read at AA_TEXT."""
    fixed = dict(variables)
    for name, under in TEXT_ON.items():
        backgrounds = [c for c in (_opaque(variables.get(b)) for b in under) if c is not None]
        if not backgrounds:
            continue
        text = _opaque(variables.get(name)) or _auto(variables.get(name), backgrounds)
        if text is None:
            continue
        moved = _legible_against(text, backgrounds)
        if moved != text:
            fixed[name] = moved.hex
    return fixed


# What is drawn but is no text: a border, a bar, a divider, a blank (their colours are the theme's
# look, not something to read).
_DECORATION = re.compile(r"[\s\u2500-\u259f]*")
_CACHE_LIMIT = 4096


class LegibleText(LineFilter):
    """Every piece of text drawn, at AA_TEXT at least on the colour it is drawn on.

    legible() fixes the theme's text colours on its plain backgrounds; what is drawn on a mix
    is out of its reach: a row under a list's cursor when the list has lost the focus, a shared
    quotation's or a search match's tint, a span's own colour (a speaker's accent) on a cursor
    (1.04:1 in nord). Here the colours are the ones drawn: a text colour under the ratio is
    moved, the least that reaches it, toward black or white, as legible() does."""

    def __init__(self) -> None:
        super().__init__()
        self._styles: dict[RichStyle, RichStyle] = {}

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        styles = self._styles
        result = []
        for segment in segments:
            text, style, control = segment
            if style is None or control:
                result.append(segment)
                continue
            fixed = styles.get(style)
            if fixed is None:
                if len(styles) > _CACHE_LIMIT:
                    styles.clear()
                fixed = styles[style] = _legible_style(style)
            # Most styles read already: the text is looked at only when its colour would change.
            if fixed is style or _DECORATION.fullmatch(text):
                result.append(segment)
            else:
                result.append(Segment(text, fixed, control))
        return result


def _legible_style(style: RichStyle) -> RichStyle:
    """`style` with its text colour moved to read at AA_TEXT on its background (both plain RGB
    colours: the terminal's own, ANSI and default, are the terminal's to choose)."""
    color, bgcolor = style.color, style.bgcolor
    if color is None or bgcolor is None or not _rgb(color) or not _rgb(bgcolor):
        return style
    text, under = (bgcolor, color) if style.reverse else (color, bgcolor)
    text_color, under_color = Color(*text.get_truecolor()), Color(*under.get_truecolor())
    moved = _legible_against(text_color, [under_color])
    if moved == text_color:
        return style
    new = RichColor.from_rgb(moved.r, moved.g, moved.b)
    return style + (RichStyle(bgcolor=new) if style.reverse else RichStyle(color=new))


def _rgb(color: RichColor) -> bool:
    return color.type == ColorType.TRUECOLOR


class DimmedBehind:
    """A modal screen's mix-in: the screens under it show through dimmed, on purpose (they do
    not answer keys), so LegibleText is not applied to what the modal screen itself draws (its
    widgets, the text to read, have their own lines and keep it)."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()  # type: ignore[misc]
        return [each for each in filters if not isinstance(each, LegibleText)]
