"""Drive a program in a real terminal: tmux on a private socket, keys in, screen text out.

No fixed sleeps: every wait polls the screen until a condition holds or a deadline passes.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Callable

TMUX = shutil.which("tmux")

# SGR sequences (colours, bold...) and everything else tmux may leave in `capture-pane -e` output.
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_OTHER_ESCAPES = re.compile(r"\x1b\[[0-9;:?]*[A-Za-ln-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")


class ScreenTimeout(AssertionError):
    pass


class Tmux:
    """One tmux server (private socket, no user config) running one pane of a fixed size."""

    def __init__(self, workdir: Path, width: int = 120, height: int = 40):
        if TMUX is None:
            raise RuntimeError("tmux is not installed")
        self.socket = f"reader-e2e-{uuid.uuid4().hex[:12]}"
        self.workdir = Path(workdir)
        self.width, self.height = width, height
        self.session = "e2e"
        self.started = False

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [TMUX, "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=30,
        )

    def start(self, argv: list[str], env: dict[str, str], term: str = "xterm-256color") -> None:
        """Run `argv` in a fresh pane with exactly `env` plus TERM (`env -i` in the pane command:
        nothing from the caller, such as NO_COLOR or TEXTUAL_*, changes what the program draws)."""
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in {"TERM": term, **env}.items())
        # `; sleep` keeps the pane (and what the program printed last) after it exits.
        command = (
            f"cd {shlex.quote(str(self.workdir))} && env -i {assignments} {shlex.join(argv)}; "
            f"echo '[exited '$?']'; sleep 600"
        )
        self._tmux(
            "new-session",
            "-d",
            "-s",
            self.session,
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            command,
        )
        self._tmux("set-option", "-t", self.session, "status", "off")
        # Programs may set the clipboard (OSC 52); tmux keeps what they copy as a paste buffer.
        self._tmux("set-option", "-s", "set-clipboard", "on")
        self.started = True

    def paste_buffer(self) -> str | None:
        """tmux's newest paste buffer (what a program copied with OSC 52), or None."""
        result = self._tmux("show-buffer", check=False)
        return result.stdout if result.returncode == 0 else None

    def wait_for_buffer(self, condition: Callable[[str], bool], timeout: float = 15.0, what: str = "") -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.paste_buffer()
            if text is not None and condition(text):
                return text
            if time.monotonic() > deadline:
                raise ScreenTimeout(f"timed out after {timeout:.0f}s waiting for {what}; buffer: {text!r}")
            time.sleep(0.05)  # polling interval, not a wait for an effect

    def send(self, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", self.session]
        if literal:
            args.append("-l")
        self._tmux(*args, *keys)

    def screen(self, escapes: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", self.session, "-S", "-"]
        if escapes:
            args.insert(2, "-e")
        return self._tmux(*args).stdout

    def visible(self, escapes: bool = False) -> str:
        """The visible screen only (no scrollback)."""
        args = ["capture-pane", "-p", "-t", self.session]
        if escapes:
            args.insert(2, "-e")
        return self._tmux(*args).stdout

    def wait_for(
        self,
        condition: Callable[[str], bool] | str,
        timeout: float = 20.0,
        escapes: bool = False,
        what: str = "",
    ) -> str:
        """Poll the visible screen until `condition(text)` holds (or the text appears)."""
        if isinstance(condition, str):
            needle = condition
            condition = lambda text: needle in text  # noqa: E731
            what = what or repr(needle)
        deadline = time.monotonic() + timeout
        delay = 0.02
        text = ""
        while True:
            text = self.visible(escapes=escapes)
            if condition(text):
                return text
            if time.monotonic() > deadline:
                raise ScreenTimeout(
                    f"timed out after {timeout:.0f}s waiting for {what or 'the screen'}; screen:\n"
                    + strip_escapes(text)
                )
            time.sleep(delay)  # polling interval, not a wait for an effect
            delay = min(delay * 1.5, 0.2)

    def interrupt_until(self, condition: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Send Ctrl-C until `condition` holds. A shell still inside a completion widget when the
        first one arrives only aborts the widget and keeps the line, with no new prompt (seen in
        zsh under load); a second Ctrl-C at a fresh prompt is harmless."""
        deadline = time.monotonic() + timeout
        while True:
            self.send("C-c")
            try:
                return self.wait_for(condition, timeout=min(2.0, max(0.1, deadline - time.monotonic())), what=what)
            except ScreenTimeout:
                if time.monotonic() > deadline:
                    raise

    def close(self) -> None:
        if self.started:
            self._tmux("kill-server", check=False)
            self.started = False
        # kill-server leaves the socket file behind
        uid = os.getuid()
        for base in {os.environ.get("TMUX_TMPDIR") or "/tmp", "/tmp"}:
            path = Path(base) / f"tmux-{uid}" / self.socket
            try:
                path.unlink()
            except OSError:
                pass

    def __enter__(self) -> "Tmux":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def strip_escapes(text: str) -> str:
    return _OTHER_ESCAPES.sub("", _SGR.sub("", text))


def styled_cells(line: str) -> list[tuple[str, tuple[str, ...]]]:
    """The characters of one captured line (`capture-pane -e`) with the SGR state each is drawn in.

    The state is the list of SGR parameters in force since the last reset, so two cells drawn
    alike compare equal.
    """
    cells: list[tuple[str, tuple[str, ...]]] = []
    state: list[str] = []
    pos = 0
    line = _OTHER_ESCAPES.sub("", line)
    for match in _SGR.finditer(line):
        for ch in line[pos : match.start()]:
            cells.append((ch, tuple(state)))
        params = match.group(1)
        if params in ("", "0"):
            state = []
        else:
            tokens = _split_sgr(params)
            if tokens and tokens[0] == "0":
                state = []
                tokens = tokens[1:]
            state = [t for t in state if _sgr_kind(t) not in {_sgr_kind(x) for x in tokens}] + tokens
        pos = match.end()
    for ch in line[pos:]:
        cells.append((ch, tuple(state)))
    return cells


def _split_sgr(params: str) -> list[str]:
    """SGR parameters grouped: `38;2;r;g;b` and `38;5;n` stay one token."""
    parts = params.replace(":", ";").split(";")
    tokens, k = [], 0
    while k < len(parts):
        p = parts[k]
        if p in ("38", "48", "58") and k + 1 < len(parts):
            size = 5 if parts[k + 1] == "2" else 3
            tokens.append(";".join(parts[k : k + size]))
            k += size
        else:
            tokens.append(p)
            k += 1
    return tokens


def _sgr_kind(token: str) -> str:
    """Which attribute a token sets (a later token of the same kind replaces it)."""
    head = token.split(";")[0]
    if head in ("38", "39") or head.isdigit() and (30 <= int(head) <= 37 or 90 <= int(head) <= 97):
        return "fg"
    if head in ("48", "49") or head.isdigit() and (40 <= int(head) <= 47 or 100 <= int(head) <= 107):
        return "bg"
    if head in ("1", "2", "22"):
        return "weight"
    if head in ("3", "23"):
        return "italic"
    if head in ("4", "24"):
        return "underline"
    if head in ("7", "27"):
        return "reverse"
    return head


def style_of(line: str, start: int, end: int) -> set[tuple[str, ...]]:
    """The distinct styles of the cells start..end of a captured line (columns, 0-based)."""
    cells = styled_cells(line)
    return {style for _, style in cells[start:end]}
