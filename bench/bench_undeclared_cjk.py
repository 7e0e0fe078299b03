"""Undeclared CJK charsets: what this tree's decoding reads, against another's, in the same run.

    python bench/bench_undeclared_cjk.py [FOLDER ...] [--before REF]

For each FOLDER (e.g. /work/shared/corpora/aeb-dev), every file is decoded as the loader decodes it
(decode_bytes, `html` for .html/.htm) by REF's reader/corpus/decode.py (default origin/main, read
with `git show`) and by this checkout's: the files whose text changes are counted and named, and
both decodings are timed (processor time); with `--reencode cp1252,cp1251`, each file that is UTF-8 is also decoded
written in each of those charsets (characters it lacks as "?"; a <meta charset="utf-8"> it holds
is passed over for bytes that are not UTF-8), as a corpus of legacy files would be. Then the
made-up texts of tests/charset_samples.py, declaring no charset, as a file and in a page: for each,
whether each tree reads it right, else the charset it read it in (CJK_TEXTS in their charsets;
ONE_BYTE_TEXTS in their charsets (no CJK charset may read them; until session 56 the Czech and
Polish in cp1250, a short all-capital Greek and ISO-8859-15 one were read as cp1252); SPACELESS_TEXTS, Arabic, Hebrew and
Greek written without spaces, in their charsets; LATIN_TEXTS, Western European in cp1252, Central
European in cp1250, and ISO-8859-15's; and CJK_TEXTS without their ASCII in UTF-16 with no BOM).
A file written in a charset that reads differently is said "right" or "wrong" in each tree (its
text in that charset, "?" for what it lacks, or not).
Last, the processor time of decoding a page of about 30 KB in cp1251, cp932 and cp1252 (each
tree's median of 15, interleaved; modules imported and warmed first).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))  # the made-up texts

from charset_samples import CJK_TEXTS, LATIN_TEXTS, ONE_BYTE_TEXTS, SPACELESS_TEXTS  # noqa: E402

from reader.corpus import decode as current  # noqa: E402


def load_before(ref: str):
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{ref}:reader/corpus/decode.py"], check=True, capture_output=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "decode_before.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("decode_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def decoded(module, data: bytes, html: bool) -> str | None:
    try:
        return module.decode_bytes(data, html=html)[0]
    except module.BinaryFile:
        return None


def verdict(module, data: bytes, html: bool, text: str) -> str:
    """'right', or 'WRONG' and the charset the text was read in (cp1252's mojibake of a Czech text
    is not a CJK charset's)."""
    try:
        read, used = module.decode_bytes(data, html=html)
    except module.BinaryFile:
        return "WRONG (binary)"
    return "right" if text in read else f"WRONG ({used})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--before", default="origin/main")
    parser.add_argument("--reencode", default="", help="charsets, comma-separated, to write each file in too")
    args = parser.parse_args()
    before = load_before(args.before)
    charsets = [None] + [name for name in args.reencode.split(",") if name]
    for folder, charset in ((folder, charset) for folder in args.folders for charset in charsets):
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        changed: list[str] = []
        spent = {"before": 0.0, "now": 0.0}
        for path in files:
            data, html = path.read_bytes(), path.suffix.lower() in (".html", ".htm")
            right = None
            if charset is not None:
                try:
                    data = data.decode("utf-8").encode(charset, errors="replace")
                except UnicodeDecodeError:
                    continue
                right = data.decode(charset, errors="replace")
            texts = []
            for name, module in (("before", before), ("now", current)):
                start = time.process_time()
                texts.append(decoded(module, data, html))
                spent[name] += time.process_time() - start
            if texts[0] != texts[1]:
                said = ["right" if right is not None and text == right else "wrong" for text in texts]
                changed.append(f"{path.relative_to(folder)} ({said[0]} -> {said[1]})")
        written = "as they are" if charset is None else f"written in {charset}"
        print(f"{folder} ({written}): {len(files)} files, {len(changed)} read differently")
        for name in changed:
            print(f"  changed: {name}")
        print(f"  decoding CPU time: before {spent['before']:.3f} s, now {spent['now']:.3f} s")
    print(f"{'charset':<10} {'html':<5} {'before':<18} now")
    for cases in (CJK_TEXTS, ONE_BYTE_TEXTS, SPACELESS_TEXTS, LATIN_TEXTS):
        for encoding, text in cases:
            for html in (False, True):
                data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
                said = [verdict(module, data, html, text) for module in (before, current)]
                print(f"{encoding:<10} {html!s:<5} {said[0]:<18} {said[1]}")
    for _encoding, text in CJK_TEXTS:  # UTF-16 with no BOM and no ASCII: no NUL byte, or one by chance
        cjk = "".join(ch for ch in text if not ch.isascii())
        for order in ("utf-16-le", "utf-16-be"):
            said = [verdict(module, cjk.encode(order), False, cjk) for module in (before, current)]
            print(f"{order:<10} {'False':<5} {said[0]:<18} {said[1]}")

    pages = {
        "cp1251": "Президент России заявил, что встреча с американским коллегой не состоится. ",
        "cp932": "東京都は十五日、新型の感染者が確認されたと発表した。都内の病院に入院している。",
        "cp1252": "L’été dernier, le maire a dit « c’est bien » à Orléans. ",
    }
    for encoding, sentence in pages.items():
        data = f"<html><body><p>{sentence * 400}</p></body></html>".encode(encoding)
        spent: dict[str, list[float]] = {"before": [], "now": []}
        for _run in range(16):
            for name, module in (("before", before), ("now", current)):
                start = time.process_time()
                decoded(module, data, True)
                spent[name].append(time.process_time() - start)
        before_ms, now_ms = (statistics.median(times[1:]) * 1000 for times in spent.values())
        print(f"page of {len(data):,} bytes in {encoding}: before {before_ms:.1f} ms, now {now_ms:.1f} ms CPU")


if __name__ == "__main__":
    main()
