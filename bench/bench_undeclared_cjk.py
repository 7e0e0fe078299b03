"""Undeclared CJK charsets: what this tree's decoding reads, against another's, in the same run.

    python bench/bench_undeclared_cjk.py [FOLDER ...] [--before REF]

For each FOLDER (e.g. /work/shared/corpora/aeb-dev), every file is decoded as the loader decodes it
(decode_bytes, `html` for .html/.htm) by REF's reader/corpus/decode.py (default origin/main, read
with `git show`) and by this checkout's: the files whose text changes are counted and named, and
both decodings are timed; with `--reencode cp1252,cp1251`, each file that is UTF-8 is also decoded
written in each of those charsets (characters it lacks as "?"; a <meta charset="utf-8"> it holds
is passed over for bytes that are not UTF-8), as a corpus of legacy files would be. Then made-up texts in Shift_JIS, EUC-JP, GB18030, Big5 and EUC-KR, and
Latin-1/cp1252/one-byte texts that must stay as they were, declaring no charset: for each, whether
each tree reads it right.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.corpus import decode as current  # noqa: E402

CJK = [
    (
        "cp932",
        "東京都は十五日、新型の感染者が確認されたと発表した。都内の病院に入院している。①政府は対策を急ぐ方針だ。",
    ),
    ("euc_jp", "iPhone 15の発売日は9月22日。Appleは新しいMacBook Proも発表した。価格は税込みで12万4800円から。"),
    ("gb18030", "据新华社报道，2024年3月15日，iPhone在中国的销量下降了24%。苹果公司CEO库克表示将继续投资。"),
    ("big5hkscs", "據新華社報道，2024年3月15日，iPhone在中國的銷量下降了24%。蘋果公司CEO庫克表示將繼續投資。"),
    ("cp949", "삼성전자는 2024년 3월 15일 갤럭시 S24를 출시했다고 밝혔다. 가격은 115만원이다."),
]
KEPT = [
    ("latin-1", "Große Straße, Ökonomie und Übermaß, sagte der Bürgermeister. Die Füße taten ihm weh."),
    ("latin-1", "A informação da administração é que a população não aceitará a situação. Coração, nação."),
    ("cp1252", "L’été dernier, le maire a dit « c’est bien » à Orléans. “Ölpreis” — €5…"),
    ("cp1251", "Президент России заявил, что встреча не состоится. «Это неприемлемо», — сказал он."),
    ("koi8-r", "Президент России заявил, что встреча с американским коллегой не состоится."),
    ("cp1253", "Ο πρωθυπουργός δήλωσε ότι η συνάντηση δεν θα γίνει σήμερα."),
    ("cp874", "นายกรัฐมนตรีกล่าวว่าการประชุมจะไม่เกิดขึ้นในวันนี้"),
]


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
        changed, spent = [], {"before": 0.0, "now": 0.0}
        for path in files:
            data, html = path.read_bytes(), path.suffix.lower() in (".html", ".htm")
            if charset is not None:
                try:
                    data = data.decode("utf-8").encode(charset, errors="replace")
                except UnicodeDecodeError:
                    continue
            texts = []
            for name, module in (("before", before), ("now", current)):
                start = time.perf_counter()
                texts.append(decoded(module, data, html))
                spent[name] += time.perf_counter() - start
            if texts[0] != texts[1]:
                changed.append(path.relative_to(folder))
        written = "as they are" if charset is None else f"written in {charset}"
        print(f"{folder} ({written}): {len(files)} files, {len(changed)} read differently")
        for name in changed:
            print(f"  changed: {name}")
        print(f"  decoding time: before {spent['before']:.3f} s, now {spent['now']:.3f} s")
    print(f"{'charset':<10} {'html':<5} {'before':<7} now")
    for cases, what in ((CJK, "CJK"), (KEPT, "kept")):
        for encoding, text in cases:
            for html in (False, True):
                data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
                right = [text in (decoded(module, data, html) or "") for module in (before, current)]
                print(
                    f"{encoding:<10} {html!s:<5} {'right' if right[0] else 'WRONG':<7} {'right' if right[1] else 'WRONG'}"
                )


if __name__ == "__main__":
    main()
