"""Theme colours made legible (reader/tui/legible.py): every text colour reader draws reads at
4.5:1 on what it is drawn on, in every theme the app offers."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color

from reader.tui.legible import AA_TEXT, TEXT_ON, _auto, _opaque, contrast, legible


def theme_variables() -> dict[str, dict[str, str]]:
    app = App()
    found = {}
    for name in sorted(app.available_themes):
        app.theme = name
        found[name] = app.get_css_variables()
    return found


THEMES = theme_variables()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_colour_reads_at_aa_on_its_backgrounds(theme):
    fixed = legible(THEMES[theme])
    for name, under in TEXT_ON.items():
        backgrounds = [c for c in (_opaque(fixed.get(b)) for b in under) if c is not None]
        text = _opaque(fixed.get(name)) or _auto(fixed.get(name), backgrounds)
        if text is None or not backgrounds:
            continue  # the terminal's own colours (ansi themes)
        for background in backgrounds:
            assert contrast(text, background) >= AA_TEXT, (theme, name, text.hex, background.hex)


def test_the_themes_had_text_under_aa_and_what_passed_is_left_as_it_was():
    before = THEMES["textual-light"]
    warning, surface = Color.parse(before["text-warning"]), Color.parse(before["surface"])
    assert contrast(warning, surface) < AA_TEXT  # 3.0:1: the fix is needed
    assert legible(THEMES["dracula"]) == THEMES["dracula"]
    fixed = legible(before)
    assert fixed["foreground"] == before["foreground"]
    assert {k for k in fixed if fixed[k] != before[k]} <= set(TEXT_ON)


def test_a_colour_moves_toward_its_own_side():
    # textual-dark's cursor text (white 87% on blue, 3.8:1) turns white, not black (4.6 both).
    fixed = legible(THEMES["textual-dark"])
    assert Color.parse(fixed["block-cursor-foreground"]).brightness > 0.9
    # textual-light's $text-warning (amber on light grey) darkens and stays amber
    fixed = legible(THEMES["textual-light"])
    r, g, b = Color.parse(fixed["text-warning"]).rgb
    assert r > g > b and Color.parse(fixed["text-warning"]).brightness < 0.5


def test_the_app_draws_with_the_legible_colours():
    from conftest import double_library

    from reader.tui.app import ReaderApp

    app = ReaderApp(double_library())
    app.theme = "textual-light"
    assert app.get_css_variables()["text-warning"] == legible(THEMES["textual-light"])["text-warning"]
