"""Files of one or two words of Russian in small letters (KOI8-R) or Greek in capitals (cp1253), the
same bytes, in made-up outlet folders: how many this tree's loader reads right, with the folder's
other files and the file's name to tell, against another tree's decoding of the same bytes (which
had the letters alone), in the same run.

    python bench/bench_folder_charsets.py [--before REF]

Each word is written as a plain file (.txt, an ASCII name) and as a page (.html) into a folder of
three longer articles in its charset (KOI8-R or cp1251 for Russian, cp1253 or ISO-8859-7 for
Greek); into a folder of both (no majority: nothing to tell by); and alone with a name in its
script (`новость.txt`). Each is decoded as the loader decodes it (a plain file is loaded too, and
must agree). Prints right before/now for each, and the processor time of both.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))

from bench_undeclared_cjk import decoded, load_before  # noqa: E402

from reader.corpus import decode as current  # noqa: E402
from reader.corpus.decode import script_hint  # noqa: E402
from reader.corpus.folder_charset import script_hint_for  # noqa: E402
from reader.corpus.loader import load_file  # noqa: E402

RUSSIAN = (
    "столица листопад погода министр правительство новости выборы бюджет доклад завод закон суд армия"
    " власть налоги совет город регион парламент президент"
).split()
GREEK = (
    "ΚΟΣΜΟΣ ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΕΙΔΗΣΕΙΣ ΑΘΛΗΤΙΣΜΟΣ ΣΕΙΣΜΟΣ ΚΡΗΤΗ ΑΘΗΝΑ ΒΟΥΛΗ ΚΥΒΕΡΝΗΣΗ ΕΚΛΟΓΕΣ"
    " ΥΓΕΙΑ ΠΑΙΔΕΙΑ ΤΕΧΝΟΛΟΓΙΑ ΚΑΙΡΟΣ ΠΟΛΙΤΙΣΜΟΣ ΕΛΛΑΔΑ ΔΗΜΟΚΡΑΤΙΑ ΟΙΚΟΝΟΜΙΚΑ ΑΝΑΠΤΥΞΗ"
).split()
NEIGHBOURS = {
    "Cyrillic": [
        "Президент России заявил, что встреча с американским коллегой не состоится.",
        "Министр иностранных дел добавил, что переговоры продолжатся на следующей неделе.",
        "Правительство одобрило бюджет на следующий год, сообщили в министерстве финансов.",
    ],
    "Greek": [
        "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την ανάπτυξη.",
        "Ο πρωθυπουργός δήλωσε ότι η συνάντηση δεν θα γίνει σήμερα στην Αθήνα.",
        "Οι εκλογές θα γίνουν τον Μάιο, είπε ο υπουργός εσωτερικών της χώρας.",
    ],
}
# The charset a word is written in, and the charset of its neighbours.
FOLDERS = [
    ("koi8-r", "koi8-r", "Cyrillic"),
    ("koi8-r", "cp1251", "Cyrillic"),
    ("cp1253", "cp1253", "Greek"),
    ("cp1253", "iso8859-7", "Greek"),
]
NAMED = {"Cyrillic": "новость", "Greek": "ειδήσεις"}


def cases(words: list[str]) -> list[str]:
    """Each word alone, and each with the next one."""
    return words + [f"{a} {b}" for a, b in zip(words, words[1:] + words[:1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="origin/main")
    args = parser.parse_args()
    before = load_before(args.before)
    right: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    spent = {"before": 0.0, "now": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        n = 0
        for charset, neighbours_charset, script in FOLDERS:
            words = RUSSIAN if script == "Cyrillic" else GREEK
            for text in cases(words):
                for html in (False, True):
                    data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(charset)
                    suffix = ".html" if html else ".txt"
                    layouts = {
                        f"{charset} in a {neighbours_charset} folder": [(NEIGHBOURS[script], neighbours_charset)],
                        f"{charset} in a mixed folder": [
                            (NEIGHBOURS["Cyrillic"][:2], "koi8-r"),
                            (NEIGHBOURS["Greek"][:2], "cp1253"),
                        ],
                        f"{charset} named in its script": [],
                    }
                    for layout, neighbours in layouts.items():
                        n += 1
                        folder = base / str(n)
                        folder.mkdir()
                        for m, (texts, written) in enumerate(neighbours):
                            for k, other in enumerate(texts):
                                (folder / f"other{m}{k}.txt").write_bytes(other.encode(written))
                        name = (NAMED[script] if layout.endswith("script") else "word") + suffix
                        (folder / name).write_bytes(data)
                        start = time.process_time()
                        was = text in (decoded(before, data, html) or "")
                        spent["before"] += time.process_time() - start
                        start = time.process_time()
                        with script_hint(script_hint_for(folder / name)):  # as the loader decodes it
                            now = text in (decoded(current, data, html) or "")
                        spent["now"] += time.process_time() - start
                        if not html:  # (a page of one word has no article text to load)
                            result = load_file(folder / name, folder)
                            loaded = any(text in a.text for a in result.articles)
                            assert loaded == now, (layout, text, result)
                        row = right[layout]
                        row[0] += was
                        row[1] += now
                        row[2] += 1
    print(f"{'where':<40} {'before':>9} {'now':>9}")
    totals = [0, 0, 0]
    for layout, (was, now, count) in right.items():
        print(f"{layout:<40} {was:>4}/{count:<4} {now:>4}/{count:<4}")
        totals = [totals[0] + was, totals[1] + now, totals[2] + count]
    print(f"all: right before {totals[0]}/{totals[2]}, now {totals[1]}/{totals[2]}")
    print(
        f"decoding CPU time: before {spent['before'] * 1000:.0f} ms, now {spent['now'] * 1000:.0f} ms (neighbours read)"
    )


if __name__ == "__main__":
    main()
