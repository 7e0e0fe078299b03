"""A component class's style in colours fit to draw on the widget that owns it.

Widgets that style spans of text by offsets read their component classes as partial styles
(only what each class sets), and Textual resolves those without the background they are drawn
on: `$text-muted` (`auto 60%`) came out plain white, so in a light theme an article's date line
and a group's unread count were white on near white (1.1:1), and a tint such as `$warning 30%`
came out whole (light text on full orange, 1.5:1). Both are worked out here against the widget's
own background.
"""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual.color import Color
from textual.widget import Widget


def drawn_rich_style(widget: Widget, name: str) -> RichStyle:
    """`widget`'s component class `name` as a partial Rich style: an `auto` colour is the
    legible text colour over the class's background (the widget's, with the class's tint blended
    over it), and a tint is blended over the widget's background."""
    style = widget.get_component_rich_style(name, partial=True)
    styles = widget.get_component_styles(name)
    base = widget.background_colors[1]
    tint = styles.background
    background: Color | None = None
    if tint.a == 1:
        base = tint  # an auto colour over the class's own background (a cursor's)
    elif tint.a > 0:
        background = base + tint
        base = background
    foreground = base.get_contrast_text(styles.color.a) if styles.auto_color else None
    if background is None and foreground is None:
        return style
    return style + RichStyle(
        color=foreground.rich_color if foreground else None,
        bgcolor=background.rich_color if background else None,
    )
