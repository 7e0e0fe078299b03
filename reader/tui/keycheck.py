"""Checks for the user's keymap: key names Textual can produce, binding ids that exist.

A binding to a key no terminal sends (`ctrl+shift+alt+zz`, `Ctrl+F`) would silently never fire;
an unknown binding id (`main.serch`) would silently change nothing. Both are reported with what to
write instead.
"""

from __future__ import annotations

import difflib
import string
import unicodedata

from textual.keys import (
    KEY_DISPLAY_ALIASES,
    KEY_TO_UNICODE_NAME,
    REPLACED_KEYS,
    Keys,
    _character_to_key,
    _normalize_key_list,
    format_key,
    key_to_character,
)

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
# Named keys without modifiers: escape, enter, tab, up, pageup, f1..f24, space, backspace, ...
NAMED_KEYS = (
    frozenset(key.value.rsplit("+", 1)[-1] for key in Keys if not key.value.startswith("<") and "-" not in key.value)
    | frozenset(REPLACED_KEYS)
    | frozenset(KEY_TO_UNICODE_NAME)
)


def _is_key_name(name: str) -> bool:
    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    if name in NAMED_KEYS:
        return True
    character = key_to_character(name)  # "question_mark", "apostrophe", "full_stop", ...
    return character is not None and len(character) == 1 and unicodedata.category(character)[0] != "C"


# The symbols the app's footer and help screen show for named keys (↓ for down, ⏎ for enter): one
# of them typed into the keymap is a character no terminal sends, so the binding never fired.
_SHOWN_AS = {shown: name for name, shown in KEY_DISPLAY_ALIASES.items() if len(shown) == 1 and not shown.isascii()}


# The character each punctuation key's name stands for ("slash" -> "/"): Textual's key_to_character
# knows some names only by their Unicode ones ("solidus").
_CHARACTER_OF = {_character_to_key(c): c for c in string.punctuation} | {"space": " "}

# What a terminal sends for ctrl with a punctuation key: a control character, which Textual names
# as below (tmux send-keys C-] reaches the app as ctrl+right_square_bracket; C-/, C-_ and C-- as
# ctrl+underscore, all 0x1f; C-@ and C-Space as ctrl+@). Written `ctrl+]` in the keymap, the
# binding waited for a key named ctrl+] that never comes (Textual converts a lone character only).
_CTRL_SENDS = {
    "]": "ctrl+right_square_bracket",
    "\\": "ctrl+backslash",
    "^": "ctrl+circumflex_accent",
    "_": "ctrl+underscore",
    "/": "ctrl+underscore",
    "-": "ctrl+underscore",
    "@": "ctrl+@",
    " ": "ctrl+@",
}
# ctrl with these is another key to the terminal.
_CTRL_IS = {"?": "backspace", "[": "escape"}
# Keys a terminal sends alone, without the alt before them (checked in tmux: M-Enter is enter).
_ALT_LOST = {"enter", "tab", "backspace", "space"}


def _chord_as_sent(key: str, modifiers: list[str], name: str) -> tuple[str, str | None]:
    """A chord of modifiers and a character (`alt+/`, `ctrl+]`) as Textual receives it from a
    terminal: (the key to bind, or why it can never fire). Checked in tmux: alt with a
    punctuation key arrives as Escape and the key, which Textual reads as the key alone (alt+/
    fired the / binding, search); ctrl+? arrives as backspace."""
    character = name if len(name) == 1 else _CHARACTER_OF.get(name)
    if "alt" in modifiers and (name in _ALT_LOST or (character is not None and not character.isalnum())):
        shown = name if character is None or character == " " else character
        return key, (
            f"{key!r} never reaches the app: a terminal sends alt with {shown} as Escape and then {shown}, "
            f"which arrives as {shown} alone; use alt with a letter or a digit (alt+s), or a function key"
        )
    if character is None or character.isalnum():
        return key, None
    if "shift" in modifiers:
        return (
            key,
            f"{key!r} never reaches the app: shift makes another character; write that character ('?', not shift+/)",
        )
    if modifiers == ["ctrl"]:
        if character in _CTRL_SENDS:
            return _CTRL_SENDS[character], None
        if character in _CTRL_IS:
            return (
                key,
                f"{key!r} is the {_CTRL_IS[character]} key to a terminal; write {_CTRL_IS[character]!r} to bind that key",
            )
        return key, (
            f"{key!r} never reaches the app: a terminal sends no key for ctrl with {character}; use ctrl "
            "with a letter (ctrl+f), or ctrl+], ctrl+\\, ctrl+^ or ctrl+_"
        )
    return key, None


def keys_as_sent(keys: str) -> str:
    """`keys` (checked by key_problem) with each chord of ctrl and a character written as the key
    Textual names it when a terminal sends it: `ctrl+]` is bound as ctrl+right_square_bracket."""
    sent = []
    for key in (part.strip() for part in keys.split(",")):
        *modifiers, name = key.split("+") if key != "+" else [key]
        sent.append(_chord_as_sent(key, modifiers, name)[0] if modifiers else key)
    return ",".join(sent)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def key_problem(keys: str) -> str | None:
    """Why `keys` (one key or several, comma-separated, like "ctrl+f,f3") cannot be pressed, or None."""
    for key in (part.strip() for part in keys.split(",")):
        if not key:
            return f"{keys!r} has an empty key between commas"
        *modifiers, name = key.split("+") if key != "+" else [key]
        if key.endswith("+") and len(key) > 1:  # "ctrl++": the plus key is written "plus"
            return f"{key!r}: write the + key as 'plus'; a terminal sends no key for ctrl or alt with it"
        for modifier in modifiers:
            if modifier not in MODIFIERS:
                return f"{key!r}: {modifier!r} is not a modifier (use {', '.join(MODIFIERS)})" + _suggest(
                    modifier.lower(), MODIFIERS
                )
        if len(set(modifiers)) != len(modifiers):
            return f"{key!r} repeats a modifier"
        if name in _SHOWN_AS:
            return f"{key!r}: {name!r} is how the app shows the {_SHOWN_AS[name]} key; write {_SHOWN_AS[name]!r}"
        if not _is_key_name(name):
            hint = _suggest(name.lower(), NAMED_KEYS) or (
                "; a key is one character or a name such as escape, enter, tab, space, up, pageup, f1 or question_mark"
            )
            return f"{key!r}: {name!r} is not a key a terminal can send" + hint
        if modifiers and (problem := _chord_as_sent(key, modifiers, name)[1]):
            return problem
    return None


def typed_keys(keys: str) -> str:
    """`keys` as one writes them in config.yaml and the app shows them: a key that is a character
    by that character ("?,f1" for question_mark,f1; "]" for right_square_bracket; ctrl+p stays),
    except the comma and the plus, which write keys themselves, and the keys named for what they do
    (escape, down, space). Every form it gives is accepted back in the keymap, as the same keys."""
    shown = []
    for key in (part.strip() for part in keys.split(",")):
        *modifiers, name = key.split("+")
        character = format_key(name) if name not in KEY_DISPLAY_ALIASES or name == "minus" else name
        if not modifiers and len(character) == 1 and character.isascii() and character not in ",+ ":
            name = character
        elif modifiers == ["ctrl"] and _CTRL_SENDS.get(_CHARACTER_OF.get(name, "")) == key:
            name = _CHARACTER_OF[name]  # ctrl+] rather than ctrl+right_square_bracket, as written
        shown.append("+".join([*modifiers, name]))
    return ",".join(shown)


def normalize_keys(keys: str) -> str:
    """Keys as Textual compares them once a keymap is applied: "/" and "slash" are one key (its
    own normalisation, so that a clash is judged as Textual will see it); "ctrl+]" and
    "ctrl+right_square_bracket" too (keys_as_sent)."""
    return _normalize_key_list(keys_as_sent(keys))


def binding_id_problem(binding_id: str, known: set[str]) -> str | None:
    """Why a keymap entry's binding id does nothing (it names no binding), or None."""
    if binding_id in known:
        return None
    return f"unknown binding id {binding_id!r}" + (_suggest(binding_id, known) or " (the help screen lists the ids)")


def typed_character(key: str) -> str | None:
    """The character a key types, if any: "slash" types "/" (Textual's key_to_character knows
    "/" only as "solidus" and says None)."""
    character = key_to_character(key)
    if character is not None and character.isprintable():
        return character
    return _CHARACTER_OF.get(key, character)
