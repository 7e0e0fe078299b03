"""Theme colours made legible: text at least 4.5:1 against what it is drawn on (WCAG AA).

Many of Textual's themes draw some text below that: textual-light's $text-warning on its surface
is 3.0:1 (a starred mark, a search match in the results), solarized's foreground on its surface
4.1:1, a block cursor's text on the cursor 2.4:1 in gruvbox. Each such colour is moved toward
black (a light background) or white (a dark one), the least that reaches the ratio, so a theme
keeps its look; what already passes is left exactly as the theme has it.
"""

from __future__ import annotations

from textual.color import Color, ColorParseError

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
