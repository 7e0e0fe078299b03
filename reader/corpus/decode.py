"""Bytes to safe text: encoding detection, binary detection, escape/control stripping, NFC.

Article text is hostile input. Everything read from a corpus goes through `sanitize` exactly once
when it is loaded, so that every character offset computed later (quotes, sentences, search hits)
refers to the clean text and no escape sequence can ever reach a terminal.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins, unless what follows it is not
plausible text in that encoding (binary junk behind a stray BOM: "not text: ..."); then UTF-16
without a BOM when every other byte is NUL (mostly-ASCII text saved as "Unicode"), or when a
file with NUL bytes reads as plausible UTF-16 text (Russian, Chinese); then strict UTF-8; then UTF-16
CJK text with no ASCII (no NUL byte: _cjk_utf16_without_bom); then, for HTML,
a `<meta charset>` declaration; then a CJK multi-byte charset (Shift_JIS, EUC-JP, GBK, Big5,
EUC-KR) when the bytes read as one (_guess_cjk); then cp1252 (what "invalid UTF-8" almost always is in news text),
or latin-1 for the five bytes cp1252 leaves undefined, so decoding never fails. When that reading
is mojibake (most letters non-ASCII; in HTML or XML, of the letters outside the markup),
charset-normalizer's guess of a non-Latin legacy encoding (cp1251, koi8-r, …) is taken instead,
or, when it has none (text without spaces), the one whose letters fit a language of its best
(_one_byte_language); cp1253 for charset-normalizer's KOI8-R when it is Greek capitals
(_greek_capitals). Last, cp1254 for Turkish (_reads_as_turkish), cp1250, ISO-8859-15 or cp1253
when that reading's letters fit one language's alphabet where the cp1252 reading's fit none
(_better_one_byte_reading); else, when cp1252 is taken, its UTF-8 parts as UTF-8 (_utf8_in_cp1252).
"""

from __future__ import annotations

import bisect
import codecs
import collections
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from reader import lazy_regex

# The bytes compressed data starts with (compressed.CODECS tells piped data by them too). A bzip2
# stream's "BZh" is followed by its block size (1-9) and the magic number of its first block or of
# its end: "BZh" alone is the start of text too ("BZh9 is a model number").
GZIP_MAGIC = (b"\x1f\x8b",)
BZIP2_MAGIC = tuple(b"BZh" + bytes([size]) + block for size in b"123456789" for block in (b"1AY&SY", b"\x17rE8P\x90"))
XZ_MAGIC = (b"\xfd7zXZ\x00",)

# Bytes that start well-known binary formats, for a clearer reason than "binary file".
_MAGIC: tuple[tuple[bytes | tuple[bytes, ...], str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (GZIP_MAGIC, "a gzip-compressed file"),
    (BZIP2_MAGIC, "a bzip2-compressed file"),
    (XZ_MAGIC, "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How much of the start of a file binary detection looks at.
_SNIFF = 8192


class BinaryFile(ValueError):
    """The bytes are not text; the message says why, in words a user reads."""


def binary_reason(data: bytes, *, nul: bool = True) -> str | None:
    """Why `data` looks like a binary file, or None when it looks like text. `nul` false: NUL
    bytes are left for the caller to judge (a file of many records judges each record)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({what}), not text"
    if not nul or _bom_encoding(data) is not None or _utf16_without_bom(data):
        return None
    head = data[:_SNIFF]
    at = head.find(b"\x00")
    if at >= 0 and at != _nul_padding_start(data) and not _damaged_at_one_spot(head, at):
        # Where: a file that is text but for one damaged spot can be mended by hand.
        line = head.count(b"\n", 0, at) + 1
        return f"binary file (contains NUL bytes, the first on line {line}), not text"
    return None


# The text, beside one run of NUL bytes in a file's first 8 KB, that makes it a text damaged there
# (a long article a crash or a bad copy zeroed a few bytes of) and not binary data.
_TEXT_AROUND_DAMAGE = 1024


def _damaged_at_one_spot(head: bytes, at: int) -> bool:
    """Whether the NUL bytes of a file's first 8 KB (`head`, its first at `at`) are one run, with
    no other control byte no text holds and 1 KB of text at least around them: a long article's
    one damaged spot (it loads without them, said with their line), not a binary file, whose NUL
    bytes stand in many places beside other controls. (A short text's is thin evidence: binary.)"""
    run_end = len(head) - len(head[at:].lstrip(b"\x00"))
    around = head[:at] + head[run_end:]
    return len(around) >= _TEXT_AROUND_DAMAGE and not _NOT_TEXT_CONTROLS.search(around)


def _nul_padding_start(data: bytes) -> int | None:
    """Where the run of NUL bytes that ends `data` starts, when text comes before it, its first
    8 KB without a control byte no text holds (a file a crash left with zeroed blocks at its end,
    a copy padded to its size; not binary junk ending in a zero); else None."""
    if not data.endswith(b"\x00"):
        return None
    end = len(data.rstrip(b"\x00"))
    if not end or _NOT_TEXT_CONTROLS.search(data, 0, min(end, _SNIFF)):
        return None
    return end


# The control bytes beyond tab, line breaks, form feed and escape (ANSI colours in a log).
_NOT_TEXT_CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def late_nul_line(data: bytes) -> int | None:
    """The line of the first NUL byte of `data`, text in its first 8 KB but for NUL bytes that run
    to its end (binary_reason found no other NUL there), when it has one; else None. Such a file
    is text damaged there (a crash left zeroed blocks): it loads without them, but was said nothing
    of, its words on either side of them run together, while a NUL byte in its first 8 KB made it a
    binary file (zeros padding a short text's end too)."""
    if is_wide_text(data):
        return None
    at = data.find(b"\x00")
    return None if at < 0 else data.count(b"\n", 0, at) + 1


def is_wide_text(data: bytes) -> bool:
    """Whether `data` is UTF-16 or UTF-32 text (a byte-order mark, or UTF-16 without one), whose
    NUL bytes are part of its characters."""
    return _bom_encoding(data) not in (None, "utf-8") or _utf16_without_bom(data) is not None


def with_its_utf16_bom(data: bytes) -> bytes:
    """An XML document (a feed) in UTF-16 without a byte-order mark, as its NUL bytes every other
    byte show it, with the mark it lacks; anything else as it is. Without it, a feed with no
    encoding declaration, or sent with "charset=utf-8", read as "not well-formed (invalid token)"."""
    if _bom_encoding(data) is not None:
        return data
    name = _utf16_without_bom(data)
    if name is None or not data[:64].decode(name, errors="replace").lstrip().startswith("<"):
        return data
    return (codecs.BOM_UTF16_LE if name == "utf-16-le" else codecs.BOM_UTF16_BE) + data


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for mostly-ASCII UTF-16 text saved without a BOM, else None. A
    last byte left over (a file cut short by one byte: a download stopped) is no reason against
    mostly-ASCII text, every other byte NUL: such a file was "binary file (contains NUL
    bytes...)"; it reads with a replacement character at its end. (Text in another script must
    be whole: binary data with a NUL byte in it reads as some UTF-16.)"""
    head = data[:_SNIFF]
    if len(head) < 4:
        return None
    whole = data[: len(data) - len(data) % 2] if len(data) % 2 else data
    even, odd = head[0::2], head[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) == 0:
            try:
                whole.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    if 0 not in head or len(data) % 2:
        return None
    return _wide_utf16_without_bom(data) or _cjk_utf16_without_bom(data)


def _cjk_utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for Chinese, Japanese or Korean UTF-16 text without a BOM and
    without ASCII (no space or line break: a title, a line of a CJK text), whose code units have a
    NUL byte only by chance (一 is U+4E00) or none: the one byte order that reads it whole as
    ideographs, kana and Hangul in everyday use, and CJK punctuation, at least six of them. It was
    a binary file, or cp1252 mojibake. Single-byte text read two bytes at a time is ideographs too
    ("ab" is 扡): it is valid UTF-8, read before this, or its pairs of ASCII bytes tell it
    (wide_text_implausible); legacy CJK bytes read so are surrogates, private-use characters
    or Hangul out of everyday use, and bytes a legacy CJK charset reads as text are read in it
    (_in_legacy_cjk)."""
    if len(data) % 2 or len(data) < 8:
        return None
    head = data[: _SNIFF * 2]  # (a whole text of legacy bytes was decoded twice for nothing)
    found = [
        name
        for name, text in _utf16_readings(head, final=len(head) == len(data))
        if _all_everyday_cjk(text) and wide_text_implausible(head, text, name) is None
    ]
    if len(found) != 1 or _in_legacy_cjk(head) or not _utf16_readings(data, found):
        return None
    # Of CJK text's code units, a tenth at most are two bytes of ASCII letters or spaces, and
    # hardly any holds a space's or a line break's byte (张 is U+5F20); of a cp1252 line's
    # ("rème brûlé", "is” — €5", "São\ndéjà"), most, or one in four.
    units = [data[at : at + 2] for at in range(0, min(len(data), 2 * _SNIFF), 2)]
    worded = sum(1 for unit in units if unit[0] in _WORD_BYTES and unit[1] in _WORD_BYTES)
    spaced = sum(1 for unit in units if not _BLANK_BYTES.isdisjoint(unit))
    return None if worded * 4 > len(units) or spaced * 8 > len(units) else found[0]


_BLANK_BYTES = frozenset(b" \t\n\r")


def _utf16_readings(data: bytes, orders: list[str] | None = None, *, final: bool = True) -> list[tuple[str, str]]:
    """(byte order, text) of each byte order of UTF-16 (of `orders`) `data` decodes in; not
    `final`: `data` is the start of the text (a surrogate pair may be cut at its end)."""
    readings = []
    for name in orders or ("utf-16-le", "utf-16-be"):
        try:
            readings.append((name, codecs.getincrementaldecoder(name)().decode(data, final=final)))
        except UnicodeDecodeError:
            continue
    return readings


def _in_legacy_cjk(data: bytes) -> bool:
    """Whether `data` is all characters of a CJK multi-byte charset that read as CJK text
    (_reads_as_cjk): Shift_JIS read two bytes at a time in UTF-16 (big-endian) is ideographs
    too, and a text in it is many times likelier than UTF-16 without a byte-order mark."""
    for encoding in _CJK_ENCODINGS:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(data, final=False)
        except UnicodeDecodeError:
            continue
        if _reads_as_cjk(text):
            return True
    return False


def _all_everyday_cjk(text: str) -> bool:
    """Whether `text` is ideographs, kana and Hangul in everyday use and the punctuation and
    symbols of the national character sets (。, “, ①, ㈱), with six of those letters at least
    (fewer are as likely a few words of cp1252 read two bytes at a time)."""
    letters = 0
    for ch in text:
        if not ch.isalpha() and ord(ch) >= 0x80 and _in_everyday_use(ch):
            continue
        if _script_of(ch) not in ("CJK", "Hangul") or not _in_everyday_use(ch):
            return False
        letters += 1
    return letters >= 6


def _wide_utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for UTF-16 text without a BOM in another script (Russian, Chinese:
    no byte is NUL as a rule, but the spaces and line breaks have one): the byte order whose
    reading has more ASCII characters, when that reading is plausible text."""
    readings = []
    for name, text in _utf16_readings(data):
        ascii_chars = sum(1 for ch in text[:_SNIFF] if ord(ch) < 0x80 and ch != "\x00")
        readings.append((ascii_chars, name, text))
    if not readings:
        return None
    ascii_chars, name, text = max(readings)
    if not ascii_chars or wide_text_implausible(data, text, name):
        return None
    return name


def blank_behind_bom(data: bytes) -> str | None:
    """Why `data` is an empty file when it is a byte-order mark with nothing or only whitespace
    behind it in that encoding (an editor's new file saved as "UTF-8 with BOM" or "Unicode"), in
    words a user reads; else None. Such a file was "no article text (empty after the metadata)",
    as though it had metadata. Only the first 4 KB are looked at: blanks beyond that are no
    editor's empty file, and a large file is not decoded twice."""
    bom = _bom_encoding(data)
    if bom is None or len(data) > 4096:
        return None
    try:
        rest = data[len(_bom_bytes(bom)) :].decode(bom)
    except UnicodeDecodeError:
        return None
    if rest.strip():
        return None
    return "empty file (only a byte-order mark and whitespace)" if rest else "empty file (only a byte-order mark)"


def bom_text(data: bytes) -> str | None:
    """`data` decoded by its byte-order mark, without it (errors replaced); None without one."""
    bom = _bom_encoding(data)
    return None if bom is None else data[len(_bom_bytes(bom)) :].decode(bom, errors="replace")


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# Labels of the WHATWG Encoding Standard that pages write and Python's codecs know by no name:
# a Hebrew page's "iso-8859-8-i", "windows-874", "x-sjis" were no charset, the page read as cp1252.
_LABELS = {
    "unicode-1-1-utf-8": "utf-8",
    "iso88592": "iso8859-2",
    "csisolatin9": "iso8859-15",
    "iso-8859-6-e": "iso8859-6",
    "iso-8859-6-i": "iso8859-6",
    "csiso88596e": "iso8859-6",
    "csiso88596i": "iso8859-6",
    "iso-8859-8-e": "iso8859-8",
    "iso-8859-8-i": "iso8859-8",
    "csiso88598e": "iso8859-8",
    "csiso88598i": "iso8859-8",
    "visual": "iso8859-8",
    "logical": "iso8859-8",
    "sun_eu_greek": "iso8859-7",
    "koi": "koi8-r",
    "koi8": "koi8-r",
    "koi8-ru": "koi8-u",
    "mac": "mac-roman",
    "csmacintosh": "mac-roman",
    "x-mac-roman": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "x-mac-ce": "mac-latin2",
    "dos-874": "cp874",
    "windows-874": "cp874",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
    "x-cp1252": "cp1252",
    "csgb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "cseuckr": "cp949",
    "csksc56011987": "cp949",
    "iso-ir-149": "cp949",
    "ks_c_5601-1989": "cp949",
    "ksc_5601": "cp949",
    "windows-949": "cp949",
}


def charset_of_label(label: str) -> str | None:
    """The codecs name of the charset a page's or feed's declaration names (a WHATWG label
    Python knows by no name too: _LABELS), or None for none."""
    label = label.strip().lower()
    try:
        return codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return charset_of_label(match.group(1).decode("ascii", errors="replace"))


# A character of UTF-8 beyond ASCII, and a byte surrogateescape kept as it was (no UTF-8).
_UTF8_WIDE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def utf8_with_strays(data: bytes) -> str | None:
    """Bytes that are UTF-8 but for a few stray bytes of a one-byte encoding (a Latin-1 "ï"
    pasted into a UTF-8 page or feed) as text, each stray byte read as cp1252; None when they
    are not mostly UTF-8 (fewer characters of it beyond ASCII than stray bytes: legacy text,
    where a pair of bytes that reads as UTF-8 is rare). One such byte had the whole text read as
    cp1252, and every "é" in it "Ã©"; browsers too read the rest as UTF-8."""
    wide = len(_UTF8_WIDE.findall(data))
    if not wide:
        return None
    text = data.decode("utf-8", errors="surrogateescape")
    strays = len(_STRAY_BYTE.findall(text))
    if wide < strays:
        return None
    return _strays_as_cp1252(text)


# A stray byte kept as a surrogate by surrogateescape, to its cp1252 character.
_STRAY_AS_CP1252 = {0xDC00 + byte: bytes([byte]).decode("cp1252", errors="replace") for byte in range(0x80, 0x100)}


def _utf8_in_cp1252(data: bytes) -> str | None:
    """`data`, taken as cp1252 or Latin-1 (more stray bytes than UTF-8 letters, and no other
    charset fits them better), read as UTF-8 where it is UTF-8: a UTF-8 article with a paragraph of cp1252
    pasted in was cp1252 whole, its UTF-8 letters mojibake ("Straße" read "StraÃŸe"). None when
    it holds no UTF-8 beyond ASCII, or a character of it no text holds alone (_chance_utf8:
    cp1252's own bytes reading as UTF-8 by chance)."""
    text = data.decode("utf-8", errors="surrogateescape")
    if len(text) == len(data):  # no character of two bytes or more: no UTF-8 beyond ASCII
        return None
    return None if _chance_utf8(text) else _strays_as_cp1252(text)


def _strays_as_cp1252(text: str) -> str:
    """`text`, decoded with surrogateescape, its stray bytes read as cp1252."""
    return _STRAY_BYTE.sub(lambda stray: _STRAY_AS_CP1252[ord(stray.group())], text)


def stray_bytes(data: bytes) -> tuple[int, int] | None:
    """(how many bytes of `data` are no UTF-8, the line of the first), or None when it is all
    UTF-8: what a text read as UTF-8 with its stray bytes as cp1252 (utf8_with_strays,
    _utf8_in_cp1252) is warned with."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        strays = len(_STRAY_BYTE.findall(data.decode("utf-8", errors="surrogateescape")))
        return strays, data.count(b"\n", 0, exc.start) + 1
    return None


def read_with_strays(data: bytes) -> tuple[int, int] | None:
    """stray_bytes(`data`) when a page or feed of these bytes is read as UTF-8 with its stray
    bytes as cp1252 (utf8_with_strays; no byte-order mark, which reads them as replacement
    characters); else None."""
    if data.startswith(codecs.BOM_UTF8):
        return None
    strays = stray_bytes(data)  # (None at once for valid UTF-8, most pages and feeds)
    return None if strays is None or utf8_with_strays(data) is None else strays


def strays_said(count: int, line: int) -> str:
    """What a text read as UTF-8 with `count` stray bytes as cp1252, the first on `line`, is
    warned with (a file, a fetched page or feed alike)."""
    return f"{count:,} byte{'s' if count > 1 else ''} not valid UTF-8 (the first on line {line}): read as cp1252, the rest as UTF-8"


# What a text holds as readily alone as in a word: ASCII, Latin-1's letters and signs, Latin
# Extended-A (a Polish, Czech, Turkish letter), general punctuation and currencies (“ ” – € …),
# emoji, and stray bytes (kept as surrogates). The rest is looked at one by one.
_UTF8_NOT_ALONE = re.compile("[^\x00-\u017f\u2000-\u20cf\U0001f000-\U0001faff\udc80-\udcff]")


# A character of UTF-8 beyond ASCII in text decoded with surrogateescape (not a stray byte).
_UTF8_BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
_CP1252_PUNCTUATION = frozenset(b"\x85\x91\x92\x93\x94\x96\x97\xab\xbb")  # … ‘ ’ “ ” – — « »


def _ends_word_of_capitals(text: str, at: int) -> bool:
    """Whether the character at `at` of `text` is two UTF-8 bytes that cp1252 reads as a capital
    ending a word of capitals and one of … ‘ ’ “ ” – — « » after it: "“SKÅ”" reads "“SKŔ" in
    UTF-8, "COSÌ…" "COS\u0305", "“IRMÃ”" "“IRMÔ". A real UTF-8 letter is most often inside a
    word ("cafÃ©" is "café") or starts one ("Å»ory" is "Żory")."""
    if not "\u0080" <= text[at] <= "\u03ff" or 0x80 | ord(text[at]) & 0x3F not in _CP1252_PUNCTUATION:
        return False
    before, after = text[at - 1 : at] if at else "", text[at + 1 : at + 2]
    before, after = (_STRAY_AS_CP1252.get(ord(ch), ch) if ch else ch for ch in (before, after))
    return not before.islower() and not after.isalpha()


def _chance_utf8(text: str) -> bool:
    """Whether one of the characters of `text` (UTF-8 read with its stray bytes kept as
    surrogates) is a pair or three of one-byte text's bytes that read as UTF-8 by chance: a
    character beyond Latin, punctuation and emoji with no letter of its own script beside it
    (cp1252's "groß”" reads "gro\u07d4"; a word of Russian or Greek is a run of its letters),
    a C1 control character (cp1252's "Â’" is U+0092 in UTF-8: no text holds one), or, when all
    its UTF-8 is such, a capital and a quote ending a word (_ends_word_of_capitals: a UTF-8
    paragraph holds letters inside words too, "ANUNCIÓ" beside "anunció")."""
    if _C1_CONTROL.search(text):
        return True
    if all(_ends_word_of_capitals(text, found.start()) for found in _UTF8_BEYOND_ASCII.finditer(text)):
        return True  # (_utf8_in_cp1252 asks only of a text with UTF-8 beyond ASCII: never vacuous)
    for found in _UTF8_NOT_ALONE.finditer(text):
        at, ch = found.start(), found.group()
        if unicodedata.category(ch) == "Mn" and at and text[at - 1].isalpha():
            continue  # an accent written apart from its letter (NFD: "e\u0301")
        script = _script_of(ch)
        neighbours = text[max(at - 1, 0) : at] + text[at + 1 : at + 2]
        if script is None or not any(_script_of(other) == script for other in neighbours):
            return True
    return False


# A page whose <meta> could be read as ASCII is in no UTF-16 or UTF-32 (a browser reads such a
# declaration as UTF-8): read as a declared UTF-16, a Latin-1 page was CJK, "no article text".
_WIDE_DECLARED = ("utf-16", "utf-32")


def _fits_declared(data: bytes, text: str) -> bool:
    """Whether `text`, `data` read in the charset its page declares (errors replaced), is that
    charset's: a damaged byte or two in it are, but one replaced character in every 20 bytes
    beyond ASCII says the page is in another (a Latin-1 page that says Shift_JIS: every e acute
    of its French was a replacement character or a kanji)."""
    replaced = text.count("\ufffd")
    return replaced * 20 <= len(data.translate(None, bytes(range(128))))


# The charset a browser reads a page that declares one of these in: a superset of it (the WHATWG
# Encoding Standard's labels). Pages say ISO-8859-1 and hold cp1252's curly quotes (read as
# Latin-1, they were C1 control characters), say Shift_JIS and hold Windows' circled digits and
# ㈱, say GB2312 and hold GBK's characters (朱镕基's middle one), say EUC-KR and hold UHC's
# Hangul, say Big5 and hold HKSCS's Cantonese: those were replacement characters, and past one in
# 20 bytes beyond ASCII (_fits_declared) the whole page read as Latin-1.
_BROWSERS_CHARSET = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}
_C1_CONTROL = re.compile("[\x80-\x9f]")


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _latin_letter(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


# The one-byte charsets of scripts written with spaces between words (Cyrillic, Greek, Hebrew,
# Arabic): a Latin-1 page read in one has words of mixed scripts (_in_mixed_scripts). Not of
# Japanese, Chinese or Thai, whose runs of letters between punctuation hold whole clauses, an
# "iPhone" in many of them.
_SPACED_SCRIPTS_CHARSETS = frozenset(
    "cp1251 koi8-r koi8-u iso8859-5 mac-cyrillic cp866 cp1125 cp1253 iso8859-7 mac-greek cp1255"
    " iso8859-8 cp1256 iso8859-6".split()
)


def _in_mixed_scripts(text: str, charset: str) -> bool:
    """Whether most words of `text` (outside its markup) with letters beyond ASCII mix ASCII ones
    with letters of another script than Latin, `text` read in a charset of _SPACED_SCRIPTS_CHARSETS:
    a Latin-1 page read in the Cyrillic, Greek or Hebrew charset its <meta> wrongly names ("Le
    cafй a fermй", "cafι"). A Russian page's words are Cyrillic or Latin throughout."""
    if charset not in _SPACED_SCRIPTS_CHARSETS:
        return False
    words = [word for word in _LETTER_RUN.findall(_outside_markup(text)) if not word.isascii()]
    mixed = sum(1 for word in words if any(ch.isascii() for ch in word) and not all(map(_latin_letter, word)))
    return len(words) >= 3 and mixed * 2 > len(words)


def browsers_charset(data: bytes, declared: str) -> str:
    """The charset to read `data` in that declares `declared` (a codecs name): it, when all its
    bytes are of it (and, for a Latin one, none reads as a C1 control character: cp1252's
    quotes), else the browsers' superset of it (_BROWSERS_CHARSET)."""
    wider = _BROWSERS_CHARSET.get(declared)
    if wider is None:
        return declared
    try:
        text = data.decode(declared)
    except UnicodeDecodeError:
        return wider
    return wider if _C1_CONTROL.search(text) else declared


def _read_declared(data: bytes, declared: str) -> tuple[str, str]:
    """(`data` read in the charset its page declares, errors replaced, the charset used)."""
    used = browsers_charset(data, declared)
    return data.decode(used, errors="replace"), used


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str]:
    """Decode file bytes to text; returns (text, encoding used). Never raises for text input.

    Raises BinaryFile when the bytes are clearly not text (NUL bytes, a known binary signature).
    The text is *not* sanitised yet: call `sanitize` on it (or on the fields parsed from it).
    """
    reason = binary_reason(data)
    if reason:
        raise BinaryFile(reason)
    bom = _bom_encoding(data)
    if bom is not None:
        text = data[len(_bom_bytes(bom)) :].decode(bom, errors="replace")
        if bom != "utf-8":
            reason = wide_text_implausible(data[len(_bom_bytes(bom)) :], text, bom)
            if reason:
                raise BinaryFile(f"not text: it starts with a {_WIDE_NAMES[bom]} byte-order mark, but {reason}")
        return text, bom
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace"), utf16
    data = data[: _nul_padding_start(data)]  # (zeros a crash left at its end tell no charset)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = utf8_with_strays(data)
    if mostly is not None:
        return mostly, "utf-8"
    utf16 = _cjk_utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16), utf16
    if html:
        declared = _declared_charset(data)
        if declared and declared != "utf-8" and not declared.startswith(_WIDE_DECLARED):
            text, used = _read_declared(data, declared)
            if _fits_declared(data, text) and not _in_mixed_scripts(text, used):
                return text, used
    cjk = _guess_cjk(data)
    if cjk is not None:
        return cjk
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    if _looks_like_mojibake(_outside_markup(text) if html else text):
        guessed = _guess_non_latin(data, html)
        if guessed is not None:
            return guessed
    better = _better_one_byte_reading(data, html)
    if better is not None:
        return better
    # (Latin-1 when a UTF-8 part holds a byte cp1252 has no character for: ” is E2 80 9D)
    mixed = _utf8_in_cp1252(data) if encoding in ("cp1252", "latin-1") else None
    return (mixed, "utf-8") if mixed is not None else (text, encoding)


# What a page or a feed says outside its markup: scripts, styles, comments and tags go (their
# ASCII names and attributes outnumbered the letters of a Cyrillic feed's titles, so the
# cp1252 reading of a cp1251 feed passed for Latin text).
_NOT_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[|\]\]>|<[^>]*>", re.I | re.S)


def _outside_markup(text: str) -> str:
    return _NOT_TEXT.sub(" ", text[: _SNIFF * 4])


def _looks_like_mojibake(text: str) -> bool:
    """Most letters outside ASCII: a Cyrillic/Greek/… legacy encoding read as cp1252, not
    English or Western European text (where accented letters are a small minority)."""
    letters = [ch for ch in text[:_SNIFF] if ch.isalpha()]
    if len(letters) < 20:
        return False
    return sum(1 for ch in letters if ord(ch) > 127) / len(letters) > 0.5


def _guess_non_latin(data: bytes, html: bool = False) -> tuple[str, str] | None:
    """charset-normalizer's pick among the non-Latin legacy encodings, when it finds one coherent;
    but cp1253 for its KOI8-R when the words are likelier all-capital Greek (_greek_capitals)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: _SNIFF * 4], cp_isolation=_NON_LATIN_ENCODINGS).best()
    if best is None or best.coherence < 0.2:
        encoding = _one_byte_language(data[: _SNIFF * 4])
        return None if encoding is None else (data.decode(encoding, errors="replace"), encoding)
    if codecs.lookup(best.encoding).name == "koi8-r" and _greek_capitals(data[: _SNIFF * 4], html):
        return data.decode("cp1253", errors="replace"), "cp1253"
    return data.decode(best.encoding, errors="replace"), best.encoding


def _sample_read(sample: bytes, html: bool, encoding: str) -> str | None:
    """`sample` read in `encoding` (outside its markup, for a page), or None when it does not decode."""
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    return _outside_markup(text) if html else text


def _greek_capitals(sample: bytes, html: bool) -> bool:
    """Whether `sample`, which charset-normalizer reads as KOI8-R, is Greek written in capitals:
    KOI8-R's small letters are cp1253's capitals, and a line of Greek capitals ("ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ",
    "покитийг оийомолиа") was read as Russian. Taken only when every word reads as Greek and the
    letter frequencies make it clearly likelier than Russian (_likeliest_script_reading): one
    Russian word whose Greek reading ends as no Greek word does rules it out, so a long Russian
    text stays KOI8-R."""
    read = functools.partial(_sample_read, sample, html)
    greek = read("cp1253")
    if greek is None or any(ch.islower() for ch in greek if _script_of(ch) == "Greek"):
        return False
    return _likeliest_script_reading(read) == "cp1253"


# How much of a language's commonest letters a one-byte reading must hold, in their order of
# frequency (charset-normalizer's coherence), to be taken by _one_byte_language: Arabic or Hebrew
# written without spaces holds 0.33-0.56 in its own charset (a line of 40 letters the least).
_LANGUAGE_COHERENT = 0.3
# The one-byte charsets whose letters no other charset's text reads as, throughout: Arabic's and
# Hebrew's (read in cp1251, ISO-8859-5 or cp1253, a Korean line is all Cyrillic or Greek letters,
# and Greek all Cyrillic ones, but in cp1256 Cyrillic, Greek and Hebrew hold French accents).
_UNICAMERAL_CHARSETS = ("cp1255", "cp1256")


def _one_byte_language(sample: bytes) -> str | None:
    """cp1256 or cp1255 when it reads `sample` as letters of its script (all but one in twenty of
    its characters beyond ASCII) whose frequencies fit its language (Arabic, Farsi, Hebrew); else
    None. charset-normalizer passes over text with no spaces between its words (it takes such a
    run of letters for gibberish): Arabic so written read as cp1252, or as EUC-JP or GBK
    ideographs, and Hebrew as cp1252."""
    from charset_normalizer.cd import coherence_ratio, encoding_languages

    found, most = None, _LANGUAGE_COHERENT
    for encoding in _UNICAMERAL_CHARSETS:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        # The characters beyond ASCII alone: a page's scripts are coherent English.
        beyond_ascii = _ASCII_RUNS.sub(" ", text)
        if not _of_one_script(beyond_ascii):
            continue
        ratios = coherence_ratio(beyond_ascii, lg_inclusion=",".join(encoding_languages(encoding)))
        if ratios and ratios[0][1] > most:
            found, most = encoding, ratios[0][1]
    return found


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _of_one_script(text: str) -> bool:
    """Whether all but one in twenty characters of `text` but spaces are letters (and marks) of
    one script beyond Latin."""
    counts: dict[str | None, int] = {}
    for ch in text:
        if ch != " ":
            script = _script_of(ch) if ch.isalpha() or unicodedata.category(ch)[0] == "M" else None
            counts[script] = counts.get(script, 0) + 1
    main = max((count for script, count in counts.items() if script is not None), default=0)
    return main * 20 >= sum(counts.values()) * 19 and main > 0


# The letters beyond ASCII each language written in a Latin one-byte charset (cp1252, cp1250,
# ISO-8859-15) uses: its text's are of one such alphabet but for a name or two, and a reading in
# the wrong charset mixes alphabets ("Pøíliš", Czech read as cp1252: ø is Danish, í Czech) or puts
# symbols in words ("Za¿ó³æ", Polish). Lowercase; ª and º are ordinals, not letters.
_LATIN_ALPHABETS = {
    "French": "àâæçéèêëîïôœùûüÿ",
    "German": "äöüß",
    "Spanish": "áéíóúñü",
    "Portuguese": "áâãàçéêíóôõú",
    "Italian": "àèéìíîòóùú",
    "Dutch": "áéëèïóöü",
    "Catalan": "àçéèíïòóúü",
    "Danish/Norwegian": "æøåé",
    "Swedish": "åäöé",
    "Finnish": "äöåšž",
    "Estonian": "äöõüšž",
    "Icelandic": "áðéíóúýþæö",
    "Czech": "áčďéěíňóřšťúůýž",
    "Slovak": "áäčďéíĺľňóôŕšťúýž",
    "Polish": "ąćęłńóśźż",
    "Hungarian": "áéíóöőúüű",
    "Slovene/Croatian": "čćđšž",
    "Romanian": "ăâîșțşţ",
}
_LATIN_ALPHABET_SETS = [frozenset(letters) for letters in _LATIN_ALPHABETS.values()]
# What a Latin reading must fit better than the one taken (cp1252) by, of its letters beyond ASCII,
# for its charset to be taken.
_BETTER_FIT = 0.15
# Characters beyond ASCII that text puts next to letters: punctuation (category P), spaces (Z),
# currencies (Sc) and these.
_BESIDE_LETTERS = frozenset("°©®™§¶µ·ªº")
_PUNCTUATION_IN_WORDS = frozenset("’‘‚‛·–—‐‑…")
_BEYOND_ASCII = re.compile("[^\x00-\x7f]")
_WORD_BEYOND_ASCII = re.compile("[^\\W\\d_]*[^\x00-\x7f\\W\\d_][^\\W\\d_]*")
# (beginning a word, before l, v, or t then v or y: "član", "čvrst", "čtvrtek"; Catalan begins
# words with è before other consonants, "època", "èxit", "ètnic", "ènfasi")
_GRAVE_E_MISPLACED = re.compile("[èÈ](?=[aeiouAEIOU])|(?<![^\\W\\d_])[èÈ](?=[lvLV]|[tT][vyVY])")
_NO_ASCII_WORD = re.compile("(?<![^\\W\\d_])[^\x00-\x7f\\W\\d_]{3,}(?![^\\W\\d_])")


def _reading_fit(text: str) -> tuple[float, int]:
    """(the share of `text`'s letters beyond ASCII in the one Latin alphabet that holds most of them,
    of those letters and its misfits; the misfits): a symbol or control in a word ("Za¿ó³æ", an
    undefined byte's C1 control) or a capital after a small letter beyond ASCII ("donŽt") is a
    misfit, as is each letter of a word with no ASCII letter. 1.0 with no misfit. (Each character
    counted at C speed, its neighbours looked at by a pattern: a 30 KB page is read so thrice.)"""
    counts = collections.Counter(_BEYOND_ASCII.findall(text))
    letters: dict[str, int] = {}
    capitals: list[str] = []
    inside: list[str] = []
    before_letter: list[str] = []
    beside: list[str] = []
    for ch, count in counts.items():
        if ch.isalpha() and ch not in _BESIDE_LETTERS:
            letters[ch.lower()] = letters.get(ch.lower(), 0) + count
            if ch.isupper():
                capitals.append(ch)
            continue
        category = unicodedata.category(ch)
        if ch in _BESIDE_LETTERS or category[0] == "Z" or category == "Sc" or ch in _PUNCTUATION_IN_WORDS:
            continue
        # Punctuation inside a word ("Za¿ó", not "c’est"), a superscript or fraction before a
        # letter ("³ód", not "m³"), a symbol or control beside a letter.
        (inside if category[0] == "P" else before_letter if category == "No" else beside).append(ch)
    misfits = 0
    if capitals:
        small = re.escape("".join(ch for ch in counts if ch.islower()))
        these = re.escape("".join(capitals))
        for ch in re.findall(f"[{these}](?<=[a-z{small}][{these}])", text):
            letters[ch.lower()] -= 1
            misfits += 1
    if inside:
        these = re.escape("".join(inside))
        misfits += len(re.findall(f"[{these}](?<=[^\\W\\d_][{these}])(?=[^\\W\\d_])", text))
    if before_letter:
        these = re.escape("".join(before_letter))
        misfits += len(re.findall(f"[{these}](?=[^\\W\\d_])", text))
    if beside:
        these = re.escape("".join(beside))
        misfits += len(re.findall(f"[{these}](?:(?<=[^\\W\\d_][{these}])|(?=[^\\W\\d_]))", text))
    # An è before a vowel or beginning a word as "èl", "èv" (_GRAVE_E_MISPLACED): no Western
    # language writes it so, while cp1250's č, which cp1252 reads è, stands so in most Slavic words
    # ("proraèun", "èlan" for "proračun", "član"): a Croatian line's one č was taken for French.
    misfits += len(_GRAVE_E_MISPLACED.findall(text))
    # A word of letters beyond ASCII alone, three at least, is no Latin language's: Cyrillic or
    # Greek read so ("Ëĺíňŕ", "Лента" in cp1250).
    misfits += sum(map(len, _NO_ASCII_WORD.findall(text)))
    # A word whose letters beyond ASCII no one alphabet holds ("Pøíliš": ø is Danish, í Czech),
    # while names of several languages in one text ("Håkon and Ólafur") are each of one.
    for word, count in collections.Counter(_WORD_BEYOND_ASCII.findall(text)).items():
        own = {ch.lower() for ch in word if ch.isalpha() and not ch.isascii() and ch not in _BESIDE_LETTERS}
        if not any(own <= alphabet for alphabet in _LATIN_ALPHABET_SETS):
            misfits += count
    total = sum(letters.values())
    if not total:
        return (1.0 if not misfits else 0.0), misfits
    fits = max(sum(n for ch, n in letters.items() if ch in alphabet) for alphabet in _LATIN_ALPHABET_SETS)
    return fits / (total + misfits), misfits


def _changed_words_small(taken: str, other: str) -> bool:
    """Whether most words that `other` (a reading of the same bytes as `taken`, character for
    character) reads differently from `taken` begin with a small letter. A text whose cp1252 reading
    has no misfit, each word's letters of one alphabet, is English naming foreigners as often
    ("Håkon and Ólafur", "Hĺkon" and "Ólafur" in cp1250, Slovak): its changed words are names,
    while Central European prose's are words ("proračunu", "proraèunu" in cp1252)."""
    if len(taken) != len(other):
        return False
    changed = [word.group() for word in _LETTER_RUN.finditer(other) if taken[word.start() : word.end()] != word.group()]
    return sum(1 for word in changed if word[0].islower()) * 2 > len(changed)


# Turkish's letters beyond ASCII (â, î, û in loanwords), and the six cp1254 puts where cp1252 has
# Icelandic's þ, ð, ý and their capitals (ş, ğ, ı, Ş, Ğ, İ): the other bytes of the two are alike.
_TURKISH_LETTERS = frozenset("çğıöşüâîûÇĞİÖŞÜÂÎÛ")
_TURKISH_IN_CP1252 = frozenset("þðýÞÐÝ")
_TURKISH_IN_CP1254 = "şğıŞĞİ"
# Icelandic when one in this many of those letters stands where Turkish puts none: a short
# Icelandic line has one such place or more in every few; a Turkish paragraph may have one in a
# loanword or a compound ("tuğamiral") among dozens of its own.
_ICELANDIC_SHARE = 4
# Where Icelandic's ð and þ stand and Turkish's ğ and ş, the cp1254 letters of their bytes, do
# not (read in the cp1254 reading, lowered as Turkish lowers: I is ı, İ is i). Turkish has no
# two consonants at a word's start, puts ğ after a vowel alone, between two vowels of one kind
# (vowel harmony: a ı o u, or e i ö ü) and before few consonants, and ends few words in it:
_ICELANDIC_PLACES = re.compile(
    # ð after a consonant ("sagði", "Reyðarfjörður"), or a þ after one Turkish puts before no ş
    # ("Alþingi", "samþykkti"; "karşı", "Ayşe", "akşam", "inşaat", "bahşiş", "Avşar" are Turkish,
    # and "Gülşen", "Gülşah": Icelandic has no ü)
    "[bcçdfghjklmnpqrstvwxyzş]ğ|[bcdfgjmpqstwxz]ş|(?<!ü)lş"
    # ð after a diphthong ("Leiðin", "Breiðablik", "auðvitað"; a Turkish vowel pair before ğ is
    # a surname's -oğlu, "Sabuncuoğlu")
    "|(?:ei|au)ğ"
    # ð between vowels of both kinds ("endaði", "Heiðar", "Eiður"; "Erdoğan", "Diğer" are of one)
    "|[aıouâû]ğ[eiöüî]|[eiöüî]ğ[aıouâû]"
    # ð ending a word after i, u, ö or ü: "-ið" is Icelandic's article ("Veðrið", "Liðið", "hafið");
    # Turkish ends a word in ğ after a, e, ı, o ("dağ", "sığ", "boğ"), and in "çiğ"
    "|(?<!ç)[iuöü]ğ(?![^\\W\\d_])"
    # ð before a consonant no Turkish ğ stands before ("aðferð", "miðja"; "ğg" is Turkish's
    # "tuğgeneral"), or before h, s, t or v and another consonant ("aðstoð"): Turkish puts a vowel
    # after those ("yağsın", "doğsa", "Dağhan", "Doğtaş", "Ağva" were read as cp1252)
    "|ğ[fjpş]|ğ[hstv][bcçdfgğhjklmnprsştvyz]"
    # þ and a consonant starting a word ("Þjóð", "Þrír", "Því", "Þyrla")
    "|(?<![^\\W\\d_])ş[bcçdfghjklmnprsştvyzqwx]"
)
# A word holding ğ or ş (Icelandic's ð or þ read in cp1254) shaped as no Turkish word is: Turkish
# starts no word with ğ; a loan starting with two consonants gets a ğ only from its k before a
# suffix's vowel ("trafiği", "Krallığı", "bloğu", "stoğun"), so never ends in ğ, "ğan" or "ğer";
# doubles a consonant only between vowels; ends no word in ğ and a consonant, in "gn", "rg", "ng"
# or "nd"; and after a ğ writes a g between vowels or ending a word as ğ (before it, "egemenliği",
# "sigortalığı", "pedagoğu", it keeps g). Icelandic's "Blað", "staðan", "Þinn", "Þekktur",
# "Guðs", "Þing", "Miðborg", "miðvikudagur".
_CONSONANT = "[bcçdfgğhjklmnprsştvyzqwx]"
_ICELANDIC_WORD_SHAPE = re.compile(
    f"^ğ|^{_CONSONANT}[bcçdfghjklmnprsştvzqwx][^ğ]*ğ(?:[ae][nr])?$|({_CONSONANT})\\1(?:{_CONSONANT}|$)"
    f"|ğ{_CONSONANT}$|(?:gn|rg|ng|nd)$|ğ.*[aeıioöuü]g(?:[aeıioöuü]|$)"
)
# Icelandic's commonest words written with þ, ð or ý and ASCII letters alone ("Það er", "Þetta",
# "Hvað", "Ýmislegt", Faroese "Tað"), its commonest stems of names and news ("Guðmundur",
# "Guðrún", "Þingi", "Þingeyri"), and a word ending in a vowel and "ður" ("veður", "maður"):
# their cp1254 readings ("Şağ", "Şetta", "Hvağ", "İmislegt", "Guğmundur", "veğur") are no
# Turkish words.
_ICELANDIC_WORDS = re.compile(
    r"(?i)(?<![^\W\d_])(?:það|tað|þetta|þess[iau]?|þeir|þeirra|þeim|þegar|þar|þau|eða|með|við|hvað"
    r"|ýmis[^\W\d_]*|ýms(?:a|ar|ir|um)|guð[^\W\d_]*|þing[^\W\d_]*|suð[^\W\d_]*|þurf[^\W\d_]*"
    r"|þung[^\W\d_]*)(?![^\W\d_])|[ae]ður(?![^\W\d_])"
)
# Icelandic's commonest words of ASCII letters alone that are no Turkish words ("og", "yfir",
# "fyrir"; not "er", "var" or "milli", which are): each is a place Turkish's letters do not stand,
# weighed as _ICELANDIC_PLACES are ("Þoka yfir" was read "Şoka yfir"; a Turkish text quoting
# one stays Turkish). Each weighs half a place: a word may be quoted where a letter's place is
# the text's own.
_ICELANDIC_WORD_SHARE = 2
_ICELANDIC_ASCII_WORDS = re.compile(
    r"(?i)(?<![^\W\d_])(?:og|til|um|sem|ekki|hann|yfir|fyrir|eftir|hefur|hafa|voru|vera|upp|allt|einn"
    r"|aftur|undir|sagt|segir)(?![^\W\d_])"
)
# A capital Ý starting an Icelandic word ("Ýta", "Ýtarleg", "Ýkjur") is no sign of Turkish's İ,
# as it is elsewhere ("İstanbul", "İzmir"): it counts as a lone ý, Turkish only with another sign
# of Turkish beside it (a ç or ü too, Turkish's letters Icelandic has not). Not "Ýsa" (haddock):
# its bytes are "İsa", a Turkish name, and Turkish's İ (its i, 8.6 % of its letters) starts
# words far more often than Icelandic's Ý (ý, 0.2 %): it reads "İsa" alone or among ASCII words.
_ICELANDIC_CAPITAL_Y_ACUTE = re.compile(
    r"(?<![^\W\d_])Ý(?=(?i:t(?:a|i|ir|ur|um|t[iu]|ar[^\W\d_]*)|kj[^\W\d_]*|kt(?:a|i|ur|ir|um)?)"
    r"(?![^\W\d_]))"
)
# A suffix after an apostrophe, as Turkish ends a name ("Ali'nin", "Ankara'da", "Ahmet'ten",
# "Ayşe'ye", "AB'nin"): said of the whole text, whose lone ı ("Ali'nin kitabı") is then no Czech
# ý. The name (group 1) is two letters or more, its first a capital (_turkish_suffix_on_a_name):
# French and Italian elide an article or "que" before the same letters ("l'un", "d'une", "Qu'un").
_TURKISH_SUFFIX_AFTER_APOSTROPHE = re.compile(
    r"(?<![^\W\d_])([^\W\d_]{2,})['’](?:n[ıiuü]n|[dt][ae]n?|[dt][ae]ki|y[aeıiuü]|l[ae]|[ıiuü]n)(?![^\W\d_])"
)
_NO_ICELANDIC_LETTER = re.compile("[çüÇÜ]")
# What says a cp1252 reading's ý is Turkish's ı, with no þ, ð or capital of them beside it: twice
# in a word ("yýlý"), in a word with ç or ü ("açýkladý") or before a place's "-köy" or "-göl"
# ("Kadýköy"), starting a word as Icelandic's ý does not ("ýrmak", "ýslak", "ýzgara"; Icelandic's
# "ýta", "ýsa", "ýkjur"), ending a word of three letters or more in "ýk" ("Ilýk"; Czech's "býk"),
# or before a suffix of Turkish's ("hakkýnda", "yapýyor", "Fransýzca"; Icelandic's "sýndar",
# "Týnda"). A lone ý ending a word or in a stem is as often Czech or Slovak ("nový", "dobrý",
# "výbor", "mlýn"), which cp1250 and cp1252 read alike, or Icelandic ("nýtt", "Nýsköpun"). But
# after a y ("Yýl", "yýkým": neither language writes "yý"), in "-arý" ending a word ("Yukarý",
# "onlarý": Czech's "starý" apart) or in a suffix after an apostrophe, as Turkish ends a name
# ("İsa'nýn", "Ankara'yý") it is Turkish's.
_TURKISH_I_WORD = re.compile(
    r"[^\W\d_]*(?:ý[^\W\d_]*ý|ý[^\W\d_]*[çüÇÜ]|[çüÇÜ][^\W\d_]*ý|ý[^\W\d_]*(?:köy|göl))"
    r"|(?<![^\W\d_])ý(?:[hlrz]|s[lpst])|(?<=[^\W\d_]{2})(?:ýk|ýnd[ae](?!r))(?![^\W\d_])"
    r"|(?<=[^\W\d_]{2})ýnd[ae](?=ki|n)|ý(?:yor|z[cç][ae])|[yY]ý|(?<=[^\W\d_]{2})(?<![sS]t)arý(?![^\W\d_])"
    r"|(?<=[^\W\d_]['’])[^\W\d_]{0,2}ý"
)


def _turkish_lower(text: str) -> str:
    """`text` in small letters as Turkish writes them (I is ı, İ is i), of the same length."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def _turkish_suffix_on_a_name(turkish: str) -> bool:
    """Whether `turkish` ends a name with a suffix after an apostrophe (_TURKISH_SUFFIX_AFTER_APOSTROPHE:
    "Ali'nin", not French's "Nový film: l'un des meilleurs", read "Novı" for its "'un")."""
    for found in _TURKISH_SUFFIX_AFTER_APOSTROPHE.finditer(_turkish_lower(turkish)):  # (of the same length)
        if turkish[found.start(1)].isupper() and not found.group(1).endswith("qu"):
            return True
    return False


def _reads_as_turkish(taken: str, turkish: str | None) -> bool:
    """Whether `turkish`, a cp1254 reading of the bytes cp1252 reads as `taken`, is Turkish: every
    letter of it beyond ASCII Turkish's, and `taken` holds what cp1252 makes of ş, ğ or İ (þ, ð,
    Ý; Ş, Ğ) or an ı plainly Turkish (_TURKISH_I_WORD). Short Turkish was read as cp1252
    ("Baþbakan", "Ýstanbul'da yaðmur"), or as Romanian in cp1250 ("baţbakan"). Icelandic,
    whose þ and ð these bytes are in cp1252, nearly always has á, é, í, ó, ú or æ too, which
    are no Turkish letters: it stays cp1252, and so does a few words of þ and ð alone that holds
    one of its commonest (_ICELANDIC_WORDS: "Það er", read "Şağ er")."""
    if turkish is None or len(turkish) != len(taken):
        return False
    seen = _TURKISH_IN_CP1252.intersection(taken)
    if not seen:
        return False
    if not all(ch in _TURKISH_LETTERS for ch in _BEYOND_ASCII.findall(turkish) if ch.isalpha()):
        return False
    if _ICELANDIC_WORDS.search(taken):
        return False
    lowered = _turkish_lower(turkish)
    places = len(_ICELANDIC_PLACES.findall(lowered)) + sum(
        1
        for word in _LETTER_RUN.findall(lowered)
        if ("ğ" in word or "ş" in word) and _ICELANDIC_WORD_SHAPE.search(word)
    )
    words = len(_ICELANDIC_ASCII_WORDS.findall(taken))
    if (places or words) and places * _ICELANDIC_SHARE + words * _ICELANDIC_WORD_SHARE >= sum(
        map(turkish.count, _TURKISH_IN_CP1254)
    ):
        return False
    if _turkish_suffix_on_a_name(turkish):
        return True
    if not _NO_ICELANDIC_LETTER.search(taken):  # (Icelandic writes no ç or ü: "İsa bugün")
        taken = _ICELANDIC_CAPITAL_Y_ACUTE.sub("ý", taken)
    return _TURKISH_IN_CP1252.intersection(taken) != {"ý"} or _TURKISH_I_WORD.search(taken) is not None


def _better_one_byte_reading(data: bytes, html: bool) -> tuple[str, str] | None:
    """(`data` read, the charset) in cp1250 (Polish, Czech, Hungarian...) or ISO-8859-15 when that
    reading's letters beyond ASCII fit one language's alphabet (_reading_fit) clearly better than
    cp1252's (or Latin-1's, for its undefined bytes), with no more misfits; or in KOI8-R, cp1251 or
    cp1253 when cp1252's fits no alphabet and that reading is likeliest Russian or Greek
    (_likeliest_script_reading: a few words, or all-capital Greek written without spaces, which
    charset-normalizer passes over); else None. Such texts were read as cp1252: "Pøíliš",
    "Za¿ó³æ", "¦árka", "ÂÏÕË¹Ó¹ÌÅÑÁ", "ìèñòîïàä"."""
    sample = data[: _SNIFF * 4]
    if not _HIGH_BYTES.search(sample):
        return None

    read = functools.partial(_sample_read, sample, html)
    taken = read("cp1252")
    taken = taken if taken is not None else read("latin-1")
    assert taken is not None
    if _reads_as_turkish(taken, read("cp1254")):
        return data.decode("cp1254", errors="replace"), "cp1254"
    taken_fit, taken_misfits = _reading_fit(taken)
    if taken_fit == 1.0:
        return None
    if taken_fit < 1 - _BETTER_FIT:
        script = _likeliest_script_reading(read)
        if script is not None:
            return data.decode(script, errors="replace"), script
    best, most = None, taken_fit + _BETTER_FIT
    for encoding in ("cp1250", "iso8859-15"):
        text = read(encoding)
        if text is None or (encoding == "iso8859-15" and _C1_CONTROL.search(text)):
            continue
        fit, misfits = _reading_fit(text)
        if not taken_misfits and (fit < 1.0 or not _changed_words_small(taken, text)):
            continue
        if (fit >= most and misfits <= taken_misfits) or (fit == 1.0 and best is None):
            best, most = encoding, fit
    return None if best is None else (data.decode(best, errors="replace"), best)


# How often each letter comes in Russian and in Greek news text, in percent (accents aside, final
# sigma as sigma): what tells a short text's Cyrillic or Greek reading from another's of the same
# bytes. KOI8-R's small letters are cp1251's capitals and cp1253's Greek capitals ("листопад" is
# "МЙУФПРБД" and "ΜΙΣΤΟΠΑΔ"), each a word of one script; the wrong ones hold rarer letters.
_RUSSIAN_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81, 2.62, 2.01, 1.90)
        + (1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48, 0.36, 0.32, 0.26, 0.04, 0.04),
    )
)
_GREEK_FREQUENCY = dict(
    zip(
        "αοιετσνηρυπκμλωδγθχφβξζψ",
        (12.0, 9.8, 8.9, 8.6, 8.0, 7.7, 6.7, 5.5, 4.7, 4.4, 4.1, 4.0, 3.4, 2.7, 2.0, 1.8, 1.8, 1.3, 1.1, 0.8)
        + (0.7, 0.4, 0.4, 0.15),
    )
)
# The letters of Ukrainian, Belarusian, Serbian and Macedonian that Russian lacks, as often as in
# those languages' text: cp1251's alone (KOI8-R and cp1253 read none of them), a Ukrainian title
# ("Київ, вівторок") read as Russian's rarest letters stayed cp1252 mojibake ("Êè¿â, â³âòîðîê").
_RUSSIAN_FREQUENCY |= dict(
    zip("іїєґўјљњђћџѓќѕ", (5.7, 0.8, 0.4, 0.1, 1.5, 4.0, 0.5, 0.6, 0.2, 0.9, 0.1, 0.2, 0.2, 0.1))
)
# A letter of neither table (a Greek Ϊ read from KOI8-R's з): rarer than any.
_UNLISTED_LETTER = 0.01
# The least mean log frequency a reading's letters must have (the geometric mean of their
# frequencies, 2.7 %): Russian words have 4-6 %, KOI8-R read as cp1251 under 2 %.
_LEAST_LOG_FREQUENCY = 1.0
# How much likelier (in mean log frequency) a Greek reading must be than each Cyrillic one to be
# taken: a few Greek letters and a few Cyrillic ones fit both languages alike, and Russian is
# the more common text. Less against KOI8-R, whose small letters are cp1253's capitals: Greek
# headings in capitals are as common as Russian in small letters alone ("ΠΟΛΙΤΙΣΜΟΣ",
# "ΤΕΧΝΟΛΟΓΙΑ" are 0.1 likelier as Greek, "политика" 0.1 less likely as Russian).
_GREEK_MARGIN = {"koi8-r": 0.1, "cp1251": 0.25}
# The letters a Greek word ends with: vowels, ς and ν (ρ and κ in a few foreign words alone);
# Russian read as Greek capitals ends in Δ, Λ, Μ, Ξ, Χ... as often.
_GREEK_WORD_ENDS = frozenset("αεηιουωσςν")
_SCRIPT_CHARSETS = (("koi8-r", "Cyrillic"), ("cp1251", "Cyrillic"), ("cp1253", "Greek"))


# What else is known of the text being decoded (its file's name, its folder's other files: the
# loader's reader.corpus.folder_charset), asked only when a reading is Cyrillic and Greek alike:
# "Cyrillic", "Greek" or None.
_SCRIPT_HINT: ContextVar[Callable[[], str | None] | None] = ContextVar("reader_script_hint", default=None)


@contextmanager
def script_hint(hint: Callable[[], str | None] | None) -> Iterator[None]:
    """Decode within it with `hint` asked (once at most per text, and only then) which script a
    text whose bytes read as Russian and as Greek alike is in (_likeliest_script_reading)."""
    token = _SCRIPT_HINT.set(hint)
    try:
        yield
    finally:
        _SCRIPT_HINT.reset(token)


def _likeliest_script_reading(read: Callable[[str], str | None]) -> str | None:
    """The charset among KOI8-R, cp1251 and cp1253 whose reading (`read(charset)`) is likeliest
    Russian or Greek (_script_reading_score), or None when none is: a short text of a few words
    in one of them (fewer than charset-normalizer weighs), read as cp1252 mojibake, or KOI8-R as
    Greek capitals. Greek is taken only when clearly likelier than each (_GREEK_MARGIN)."""
    scores: dict[str, float] = {}
    for charset, script in _SCRIPT_CHARSETS:
        text = read(charset)
        score = None if text is None else _script_reading_score(text, script)
        if score is not None:
            scores[charset] = score
    greek = scores.get("cp1253")
    cyrillic = max((scores[charset] for charset in ("koi8-r", "cp1251") if charset in scores), default=None)
    hint = _SCRIPT_HINT.get()
    if greek is not None and cyrillic is not None and hint is not None:
        # The same bytes read as Russian and as Greek ("столица" in KOI8-R is "ΣΤΟΜΙΓΑ" in cp1253):
        # a word or two, whose letters alone decided 44 of 52 and 50 of 60 right.
        said = hint()
        if said == "Greek":
            return "cp1253"
        if said == "Cyrillic":
            return "koi8-r" if scores.get("koi8-r") == cyrillic else "cp1251"
    if greek is not None and all(
        greek >= scores.get(charset, -math.inf) + more for charset, more in _GREEK_MARGIN.items()
    ):
        return "cp1253"
    if cyrillic is None:
        return None
    return "koi8-r" if scores.get("koi8-r") == cyrillic else "cp1251"


def _script_reading_score(text: str, script: str) -> float | None:
    """The mean log frequency (_RUSSIAN_FREQUENCY, _GREEK_FREQUENCY) of the letters beyond ASCII of
    `text`, a reading in a Cyrillic or Greek charset, or None when it is no text of that script:
    fewer than three such letters, a word mixing them with ASCII ones or other characters, a capital
    after a small letter in a word ("рТЙЧЕФ", KOI8-R's "Привет" in cp1251), a mean under
    _LEAST_LOG_FREQUENCY; for Greek, a word ending in a letter no Greek word ends with (or in a
    small σ, KOI8-R's capitals "ТАСС" read "τασσ"), or a final sigma inside a word; for Cyrillic, five
    consonants in a row."""
    frequency = _GREEK_FREQUENCY if script == "Greek" else _RUSSIAN_FREQUENCY
    logs: list[float] = []
    words = (part.strip(_WORD_PUNCTUATION) for token in text.split() for part in _ASCII_NOT_LETTERS.split(token))
    for word in words:
        if word.isascii():
            continue
        if not all(ch.isalpha() and not ch.isascii() and _script_of(ch) == script for ch in word):
            return None
        if any(ch.isupper() for ch in word[1:]) and not word.isupper():
            return None
        bare = [_bare_letter(ch) for ch in word] if script == "Greek" else list(word.lower())
        if script == "Greek" and (bare[-1] not in _GREEK_WORD_ENDS or "ς" in word[:-1] or word[-1] == "σ"):
            return None
        if script == "Cyrillic" and (_CONSONANT_RUN.search(word.lower()) or bare[0] in _NO_RUSSIAN_WORD_STARTS):
            return None
        logs.extend(math.log(frequency.get(ch, _UNLISTED_LETTER)) for ch in bare)
    if len(logs) < 3:
        return None
    mean = sum(logs) / len(logs)
    return mean if mean >= _LEAST_LOG_FREQUENCY else None


def _bare_letter(greek: str) -> str:
    """A Greek letter small, without its accent, a final sigma as sigma. (Not a Cyrillic letter:
    NFD splits й into и and a breve, and Greek capitals read in KOI8-R, whose й is Κ, scored
    as Russian's commonest letters.)"""
    return unicodedata.normalize("NFD", greek.lower())[0].replace("ς", "σ")


# Five consonants in a row, which no Russian word has ("чувств" has four): Greek capitals read
# in KOI8-R ("ΚΥΒΕΡΝΗΣΗ", "кувернхсх": Η is х).
_CONSONANT_RUN = re.compile("[бвгджзйклмнпрстфхцчшщ]{5}")
# Letters no Russian word begins with (but "йод", "Йемен"): Greek capitals read in KOI8-R begin
# so, Κ and Ω being й and ы ("ΚΟΣΜΟΣ", "йослос").
_NO_RUSSIAN_WORD_STARTS = frozenset("йыьъ")
# Punctuation around a word: quotes, brackets, stops (the Russian «» and №, the Greek ; and ·).
_WORD_PUNCTUATION = ".,;:!?\"'()[]{}«»“”„‘’—–-…·№"
# What parts the words of a reading, as hyphens and figures do ("Северо-Запад", "2024-го",
# "Москва-2024" were words mixing Cyrillic letters with other characters, and not Russian).
_ASCII_NOT_LETTERS = re.compile("[\x00-\x40\x5b-\x60\x7b-\x7f]+")


# Single-byte encodings whose text reads as mojibake in cp1252 (Cyrillic, Greek, Turkish, Hebrew,
# Arabic, Baltic, Vietnamese, Thai). Left to open detection, short texts get wild guesses.
_NON_LATIN_ENCODINGS = [
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "mac_cyrillic",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
]


# The multi-byte charsets of Chinese, Japanese and Korean text, each as browsers read its
# national standard (_BROWSERS_CHARSET): Shift_JIS, EUC-JP, GB2312/GBK, Big5, EUC-KR.
_CJK_ENCODINGS = ["cp932", "euc_jp", "gb18030", "big5hkscs", "cp949"]
_HIGH_BYTES = re.compile(rb"[\x80-\xff]+")
# Fewer bytes beyond ASCII than twelve CJK characters take are too few to tell a CJK charset from
# a one-byte one: a few words of cp1252 ("the ‘déjà’ said"), Polish, Greek or Arabic read as
# a few ideographs or Hangul that pass every other check ("the 租駛熬 said").
_CJK_LEAST_HIGH_BYTES = 24
# When the first 32 KB hold too few, the first MB with its long stretches of ASCII cut short.
_LONG_ASCII = re.compile(rb"([\x00-\x7f])[\x00-\x7f]{64,}")
_CJK_WINDOW = 1 << 20


def _guess_cjk(data: bytes) -> tuple[str, str] | None:
    """`data` read in the CJK multi-byte charset it is in (_CJK_ENCODINGS), when it is in one, with
    the charset; else None. Read as cp1252, a Shift_JIS or GBK file that declares no charset
    was mojibake ("“Œ‹ž" for "東京"). Such text holds its bytes beyond ASCII in runs (two or more
    to a character); Latin-1 text mostly one at a time, between ASCII letters ("café ", "für"):
    when most of them stand alone, or they are too few to tell (_CJK_LEAST_HIGH_BYTES), it is not
    looked at. Then the charsets that read the start
    of it with hardly a byte left over, as characters in everyday use that mostly stand beside
    one another (_reads_as_cjk); of those, the one charset-normalizer finds coherent, when it
    finds none of the one-byte charsets more so: EUC-JP's bytes are GBK's too, and Thai's in
    cp874 Big5's."""
    sample = data[: _SNIFF * 4]
    runs = [len(run) for run in _HIGH_BYTES.findall(sample)]
    high = sum(runs)
    if high < _CJK_LEAST_HIGH_BYTES and len(data) > len(sample):
        # Long stretches of ASCII (a page's scripts and styles, tens of KB before its text) cut
        # short, their first byte kept (a CJK character's second byte may be ASCII): the first
        # 32 KB held a page's <title> alone, too few bytes to tell.
        sample = _LONG_ASCII.sub(rb"\1 ", data[:_CJK_WINDOW])[: _SNIFF * 4]
        runs = [len(run) for run in _HIGH_BYTES.findall(sample)]
        high = sum(runs)
    if high < _CJK_LEAST_HIGH_BYTES or runs.count(1) * 2 > high:
        return None
    readings = {}
    for encoding in _CJK_ENCODINGS:
        text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)
        if _reads_as_cjk(text):
            readings[encoding] = text
    if not readings:
        return None
    from charset_normalizer import from_bytes

    # (Without the page's long stretches of ASCII, which outweighed its text: a GBK page's was
    # found more coherent in Windows-1254.)
    best = from_bytes(_LONG_ASCII.sub(rb"\1 ", sample), cp_isolation=list(readings) + _NON_LATIN_ENCODINGS).best()
    if best is None or (chosen := codecs.lookup(best.encoding).name) not in readings:
        return None
    # A reading in which charset-normalizer finds no language is no proof: Arabic or Hebrew with
    # no spaces reads as ideographs in EUC-JP, GBK and Big5 as readily, but coherently in its own.
    if best.coherence == 0 and _one_byte_language(sample) is not None:
        return None
    return data.decode(chosen, errors="replace"), chosen


def _reads_as_cjk(text: str) -> bool:
    """Whether `text` (bytes read in a CJK charset) reads as CJK text: of its characters beyond
    ASCII hardly one is a replacement character (a byte no character of the charset takes), one
    in ten at most strays from the main script or is no everyday ideograph (_strays), and most
    stand beside another of them: Latin-1's "informação" read as Shift_JIS is "informa鈬o",
    an ideograph alone between ASCII letters."""
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore"))  # (counted at C speed first)
    if beyond_ascii < 2 or text.count("\ufffd") * 100 > beyond_ascii:
        return False
    wide = [at for at, ch in enumerate(text) if ord(ch) >= 0x80]
    beside = sum(
        1 for n, at in enumerate(wide) if (n and wide[n - 1] == at - 1) or (n + 1 < len(wide) and wide[n + 1] == at + 1)
    )
    if beside * 10 < len(wide) * 7:
        return False
    # KOI8-R's Cyrillic read as Shift_JIS is half-width katakana, a form Japanese text uses little.
    if sum(1 for at in wide if "\uff61" <= text[at] <= "\uff9f") * 2 > len(wide):
        return False
    return _strays("".join(text[at] for at in wide)) * 10 <= len(wide)


_WIDE_NAMES = {
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}
# Categories no text is made of: unassigned, private use, surrogates, controls (tab, newline and
# the other line breaks are counted apart); U+FFFD is what an invalid code unit became.
_NOT_CHARACTERS = frozenset(("Cn", "Co", "Cs", "Cc"))
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")
# Bytes of ASCII text: two of them in one UTF-16 code unit is ASCII read as UTF-16 ("ab" -> "扡").
_ASCII_BYTES = frozenset(range(0x20, 0x7F)) | {0x09, 0x0A, 0x0D}
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n")


def wide_text_implausible(payload: bytes, text: str, encoding: str) -> str | None:
    """Why `text`, `payload` decoded as `encoding` (UTF-16/32) after a byte-order mark, is not
    text, in words a user reads; None when it is plausible. Binary junk behind a stray BOM
    decodes to a mix of unassigned, private-use and control characters, or of ideographs,
    Hangul and other scripts no text mixes; ASCII bytes behind it pair into ideographs."""
    sample = text[:_SNIFF]
    if not sample:
        return None
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in _NOT_CHARACTERS and ch not in _TEXT_CONTROLS)
    )
    # One in fifty is a damaged spot in a text; a short one has none (junk of a few bytes had one).
    if bad > len(sample) // 50:
        return f"{_share(bad, len(sample))} of what follows are not characters of any script (unassigned, private-use or control)"
    if encoding.startswith("utf-16"):
        units = [payload[i : i + 2] for i in range(0, min(len(payload), 2 * _SNIFF) - 1, 2)]
        paired = sum(1 for unit in units if unit[0] in _ASCII_BYTES and unit[1] in _ASCII_BYTES)
        # And many of two letters (or a space): ideographs and kana are pairs of ASCII bytes
        # too (東 is "qg", は "o0"), and a short Japanese line had more than half of them.
        worded = sum(1 for unit in units if unit[0] in _WORD_BYTES and unit[1] in _WORD_BYTES)
        if len(units) >= 4 and paired * 2 > len(units) and worded * 3 > len(units):
            return "what follows is single-byte text or data read two bytes at a time"
    scripts = _script_counts(sample)
    others = sum(scripts.values())
    # Three scripts or more, none most of the letters (Korean with its hanja is two scripts).
    if len([count for count in scripts.values() if count >= 2]) >= 3 and max(scripts.values()) < 0.6 * others:
        named = ", ".join(sorted(scripts, key=scripts.__getitem__, reverse=True)[:3])
        return f"what follows mixes scripts no text mixes ({named})"
    if len(sample) >= 8 and len(set(sample)) <= 2:
        return "what follows is one or two characters repeated"
    # A text is written in one script (and ASCII); random code units are symbols, rare
    # ideographs and letters of many scripts. One in ten may stray (a name, an emoji); in a
    # text of a few characters, none: its few characters are all there is to judge by.
    strays = _strays(sample)
    if strays > len(sample) // 10:
        return (
            f"{_share(strays, len(sample))} of what follows are symbols, rare ideographs or letters of another script"
        )
    return None


def _strays(sample: str) -> int:
    """The characters of `sample` that are not ASCII, punctuation, digits, marks or letters of
    its main script (ideographs and Hangul in everyday use count as one script: Korean mixes them)."""
    groups: dict[str, int] = {}
    odd = 0
    for ch in sample:
        code = ord(ch)
        if code < 0x0370 or _is_spacing(ch):
            continue  # ASCII, Latin, spacing and punctuation: any script's text has them
        if code > 0xFFFF:
            continue  # emoji and the like: a surrogate pair is rare in random code units
        category = unicodedata.category(ch)
        if category[0] == "M" or category == "Nd":
            continue  # the marks and digits of the script around them
        script = _script_of(ch) if category[0] == "L" else None
        if script in ("CJK", "Hangul"):
            script = "CJK" if _in_everyday_use(ch) else None
        if script is None:
            odd += 1
        else:
            groups[script] = groups.get(script, 0) + 1
    return odd + sum(groups.values()) - max(groups.values(), default=0)


# Ideographs, kana and Hangul in everyday use: those of the national character sets
# (GB 2312, Big5, JIS X 0208, KS X 1001), which hold a random ideograph only four times in five
# and a random Hangul syllable one time in five.
_EVERYDAY_CJK = ("gb2312", "big5", "cp932")


@functools.lru_cache(maxsize=8192)
def _in_everyday_use(ch: str) -> bool:
    if len(ch.encode("euc_kr", errors="ignore")) == 2:  # not a "make-up sequence" of Jamo
        return True
    for encoding in _EVERYDAY_CJK:
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _is_spacing(ch: str) -> bool:
    """ASCII (spaces, line breaks, digits, punctuation) or the punctuation of CJK text: what every
    text has somewhere and few random code units are."""
    code = ord(ch)
    return code < 0x80 or 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFF65


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


# Scripts by code point (start, end, name), for the mix test; Latin and common punctuation are
# left out (every script's text has them), and the Japanese kana go with the ideographs.
_SCRIPT_RANGES = (
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x08FF, "Syriac/Thaana/N'Ko"),
    (0x0900, 0x0DFF, "Indic"),
    (0x0E00, 0x0EFF, "Thai/Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x10A0, 0x10FF, "Georgian"),
    (0x1100, 0x11FF, "Hangul"),
    (0x1200, 0x139F, "Ethiopic"),
    (0x13A0, 0x1DBF, "other scripts"),
    (0x2C00, 0x2DFF, "other scripts"),
    (0x2E80, 0x2FDF, "CJK"),
    (0x3040, 0x30FF, "CJK"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3130, 0x318F, "Hangul"),
    (0x3400, 0x4DBF, "CJK"),
    (0x4E00, 0x9FFF, "CJK"),
    (0xA000, 0xA4CF, "Yi"),
    (0xA4D0, 0xABFF, "other scripts"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0xF900, 0xFAFF, "CJK"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF66, 0xFF9F, "CJK"),
    (0xFFA0, 0xFFDC, "Hangul"),
)
_SCRIPT_STARTS = [start for start, _end, _name in _SCRIPT_RANGES]


def _script_counts(text: str) -> dict[str, int]:
    """How many letters of `text` each non-Latin script holds."""
    counts: dict[str, int] = {}
    for ch in text:
        if ord(ch) < 0x0370 or not ch.isalpha():
            continue
        name = _script_of(ch)
        if name is not None:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _script_of(ch: str) -> str | None:
    """The script of a character past Latin (_SCRIPT_RANGES), or None."""
    code = ord(ch)
    at = bisect.bisect_right(_SCRIPT_STARTS, code) - 1
    if at < 0:
        return None
    _start, end, name = _SCRIPT_RANGES[at]
    return name if code <= end else None


def _bom_bytes(name: str) -> bytes:
    for bom, bom_name in _BOMS:
        if bom_name == name:
            return bom
    return b""


# Terminal escape sequences: CSI (ESC [ … final), its 8-bit form; OSC / DCS / SOS / PM / APC
# strings up to their terminator (BEL, ESC \ or ST), bounded so hostile input stays linear;
# then any other ESC sequence (ESC, intermediates, a final byte).
_ESCAPE_SEQUENCES = re.compile(
    r"""
      \x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]
    | \x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)
    | \x1b[\x20-\x2f]*[\x30-\x7e]
    """,
    re.X,
)
# Line breaks in every spelling become "\n".
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls except tab and newline, DEL, and stray byte-order marks.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
# Controls that never occur in ordinary text files (CR, VT, FF and ESC excluded): binary junk.
_JUNK = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Unpaired UTF-16 surrogates ("\ud800" in JSON or YAML escapes): no encoder accepts them.
_SURROGATES = re.compile("[\ud800-\udfff]")
# A quick test: does the text need any of the work above?
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


# Bidirectional controls (embeddings, overrides, isolates, marks): kept in the data (they may
# belong to Arabic or Hebrew text) but never shown, since U+202E and the like make a terminal
# reorder what it shows ("Trojan Source"): a title can make a line read as something it is not.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_REMOVED = dict.fromkeys(map(ord, BIDI_CONTROLS))
# Where offsets into the text must hold (highlights, quotes): a zero-width space in their place.
_BIDI_BLANKED = dict.fromkeys(map(ord, BIDI_CONTROLS), "\u200b")
_HAS_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def without_bidi_controls(text: str, *, keep_offsets: bool = False) -> str:
    """`text` with no bidirectional control, for a terminal; `keep_offsets`: each one becomes a
    zero-width space instead, so that offsets into `text` still point at the same characters."""
    if not _HAS_BIDI.search(text):  # nearly always: translate() with a dict looks up every character
        return text
    return text.translate(_BIDI_BLANKED if keep_offsets else _BIDI_REMOVED)


# Characters that show as nothing but make two names differ, so that "Daily Gazette" followed by
# a left-to-right mark, or with a Hangul filler (a letter no font draws) inside, would be a second
# outlet, author or story that reads the same: the bidi controls above, the combining grapheme
# joiner, Hangul and Khmer fillers, Mongolian variation selectors, tag characters and the other
# default-ignorable code points. Kept: the variation selectors (an emoji's presentation, the
# glyph of an ideograph: U+E0100-E01EF, "葛\U000e0100城" is a place's own form of 葛) and the
# tags of a flag (England's is a black flag and tags), and the zero-width spaces, joiners and the
# soft hyphen are the loader's (reader.corpus.clean), which keeps the joiners a word needs.
# The body of a character class (ranges and all): the search index reads a word across them too
# (reader.index.textproc.IGNORABLE).
INVISIBLE_IN_NAMES = (
    f"{BIDI_CONTROLS}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u206a-\u206f\u3164"
    "\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
)
# ... but the Mongolian ones (U+180B-180F), which mongolian_placed keeps where they shape a letter.
_INVISIBLE_BUT_MONGOLIAN = re.compile(
    f"(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|[{INVISIBLE_IN_NAMES.replace(chr(0x180B) + '-' + chr(0x180F), '')}]"
)
_MONGOLIAN_SELECTORS = re.compile("[\u180b-\u180f]")
_VOWEL_SEPARATOR = "\u180e"


def _mongolian_letter(ch: str) -> bool:
    """A letter of Mongolian (Todo, Sibe and Manchu's too); False for "" (no character)."""
    code = ord(ch) if ch else 0
    return 0x1820 <= code <= 0x1878 or 0x1880 <= code <= 0x18AA


def _mongolian_kept(mark: str, before: str, after: str) -> bool:
    """Whether the Mongolian `mark` (a free variation selector U+180B-180D, 180F, or the vowel
    separator U+180E) shapes a letter, between `before` (the character kept before it, "" for
    none) and `after` (the one after it, "" for none): a selector follows the letter whose form it
    chooses; the vowel separator stands between two letters (the first may have its selector),
    the second the final a or e it separates. Anywhere else it shows nothing, and only made two
    names or titles that read the same differ."""
    if mark != _VOWEL_SEPARATOR:
        return _mongolian_letter(before)
    shaped = _mongolian_letter(before) or (before != _VOWEL_SEPARATOR and _MONGOLIAN_SELECTORS.fullmatch(before))
    return bool(shaped) and _mongolian_letter(after)


def mongolian_placed(text: str) -> str:
    """`text` with each Mongolian variation selector kept after a Mongolian letter and the vowel
    separator kept between two, each dropped elsewhere (at the start, after a Latin letter or a
    space, after another selector)."""
    if not _MONGOLIAN_SELECTORS.search(text):
        return text
    kept: list[str] = []
    for at, ch in enumerate(text):
        if _MONGOLIAN_SELECTORS.fullmatch(ch) and not _mongolian_kept(
            ch, kept[-1] if kept else "", text[at + 1 : at + 2]
        ):
            continue
        kept.append(ch)
    return "".join(kept)


def without_invisible_in_names(text: str) -> str:
    """`text` (an outlet's, author's or story's name, a feed's title) without the invisible
    characters that would make it another name than the one it reads as; a Mongolian variation
    selector or vowel separator stays where it shapes a letter (mongolian_placed)."""
    if text.isascii():
        return text
    return mongolian_placed(_INVISIBLE_BUT_MONGOLIAN.sub(lambda m: m.group(1) or "", text))


# The variation selectors that choose only how a character is drawn: as text (VS15) or as an
# emoji (VS16), and the Mongolian ones (a letter's form). "Rally ❤️" and "Rally ❤" are one name;
# an editor or a keyboard adds VS16 or not, and names loaded before session 59 lost every Mongolian one.
_PRESENTATION_SELECTORS = dict.fromkeys(map(ord, "\ufe0e\ufe0f\u180b\u180c\u180d\u180e\u180f"))


def name_match_key(text: str) -> str:
    """`text` (a name: a story's, as metadata gives it) as compared with another: without the
    selectors of a text or emoji presentation, nor a Mongolian letter's form (its variation
    selectors and vowel separator). Only for matching: the name shows as written."""
    if text.isascii():
        return text
    return text.translate(_PRESENTATION_SELECTORS)


def outlet_key(name: str | None) -> str:
    """The outlet `name` (as an article gives it) stands for, as `--outlet` and `outlet:` filter:
    case and an emoji's presentation selector ignored ("Rally ❤️ News" and "rally ❤ news" are one
    outlet, shown as each article writes it); "" for none."""
    return name_match_key(name).casefold() if name else ""


def outlet_spellings(names: Iterable[str | None]) -> dict[str, str]:
    """The one spelling each outlet (outlet_key) is shown by, when its articles spell it more
    than one way: a site's page signing itself "NJ.com" beside an article named by its link alone
    ("nj.com") was two outlets in coverage and the outlet lists. The spelling with capitals wins
    (the site's own), then the one most articles give, then the first in order; outlets spelled
    one way are left out."""
    counts: dict[str, dict[str, int]] = {}
    for name, articles in collections.Counter(names).items():  # each name's key worked out once
        if name:
            counts.setdefault(outlet_key(name), {})[name] = articles
    return {
        key: min(spelled, key=lambda name: (name == name.lower(), -spelled[name], name))
        for key, spelled in counts.items()
        if len(spelled) > 1
    }


def without_escape_sequences(text: str) -> str:
    """`text` without its terminal escape sequences, each one whole (`\x1b[31m`, an OSC title),
    as the loader removes them: a query copied from coloured output searches for the words the
    index holds ("RED", not "[31mRED")."""
    if not _NEEDS_WORK.search(text):
        return text
    return _ESCAPE_SEQUENCES.sub("", text)


def strip_controls(text: str) -> str:
    """Escape sequences and C0/C1 controls removed; newline and tab (and everything else) kept.

    The one place that decides what may reach a terminal: the loader, the CLI's plain output and
    the TUI all use it.
    """
    if not _NEEDS_WORK.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", text))


# Every control left once escape sequences are gone: each a space in a line shown whole.
_CONTROLS_IN_A_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")


# Shown as nothing but never needed in a title on a line: zero-width space, soft hyphen, word
# joiner and invisible operators, interlinear annotation marks (some terminals hide the text
# between them). The joiners (U+200C, U+200D) stay: words of some scripts and emoji need them.
_HIDDEN_IN_A_LINE = re.compile("[\u00ad\u200b\u2060-\u2064\ufff9-\ufffb]")


# The variation selectors: each chooses the form of the character before it, when that character
# has such forms (selectors_placed; the Mongolian ones are mongolian_placed's).
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _ideograph(ch: str) -> bool:
    """A CJK ideograph (its unified blocks, the compatibility ones, the supplementary planes'):
    the bases of the ideographic variation sequences and of most standardized ones."""
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def _presentation_base(ch: str) -> bool:
    """A character with a text and an emoji presentation (VS15, VS16 choose one): a symbol, a
    keycap's digit, # or *, ‼ ⁉ 〰 〽 (Unicode's emoji-variation-sequences, by their kinds)."""
    if ch in "#*0123456789":
        return True
    kind = unicodedata.category(ch)
    return kind.startswith("S") or (kind.startswith("P") and 0x2000 <= ord(ch) <= 0x2BFF) or ch in "\u3030\u303d"


def _standardized_base(ch: str) -> bool:
    """A base of the standardized variation sequences (VS1-14): an ideograph, a symbol or a
    digit, a letter of Myanmar, Phags-pa, Manichaean or Egyptian hieroglyphs."""
    code = ord(ch)
    if _ideograph(ch) or ch.isdigit() or unicodedata.category(ch).startswith("S"):
        return True
    return (
        0x1000 <= code <= 0x109F
        or 0xA9E0 <= code <= 0xA9FF
        or 0xAA60 <= code <= 0xAA7F
        or 0xA840 <= code <= 0xA87F
        or 0x10AC0 <= code <= 0x10AFF
        or 0x13000 <= code <= 0x1343F
    )


def _applies(selector: str, base: str) -> bool:
    code = ord(selector)
    if code in (0xFE0E, 0xFE0F):
        return _presentation_base(base)
    if code <= 0xFE0D:
        return _standardized_base(base)
    return _ideograph(base)  # VS17-256: the ideographic variation sequences


def selectors_placed(text: str) -> str:
    """`text` with each variation selector (and Mongolian one) kept where it follows a character
    it chooses a form of (❤ VS16, an ideograph's, a Mongolian letter's: mongolian_placed, which
    keeps the vowel separator between two letters), dropped elsewhere: at the start, after a
    Latin letter or a space, or after another selector, it chooses nothing and only made two
    titles that read the same differ."""
    text = mongolian_placed(text)
    if not _SELECTORS.search(text):
        return text
    kept = []
    base = ""  # the character the next selector would apply to ("" after a selector)
    for ch in text:
        if _SELECTORS.fullmatch(ch):
            if base and _applies(ch, base):
                kept.append(ch)
            base = ""
            continue
        kept.append(ch)
        base = ch
    return "".join(kept)


def title_for_terminal(text: str) -> str:
    """A hostile title or name (an article's, an outlet's, a feed's) as one line a terminal shows,
    the CLI's plain output and the app's labels alike: escape sequences and controls gone, bidi
    controls and other invisible characters (zero-width, format, tags: without_invisible_in_names)
    removed, variation selectors kept only after a character they choose a form of (selectors_placed:
    a Mongolian letter's, as an emoji's) (a title is read, not typed back: a server's words and
    names to type are written visibly, reader.wording.untrusted_shown), line breaks and whitespace
    runs one space."""
    s = without_bidi_controls(strip_controls(text))
    if not s.isascii():
        s = _INVISIBLE_BUT_MONGOLIAN.sub(lambda m: m.group(1) or "", s)
        s = selectors_placed(_HIDDEN_IN_A_LINE.sub("", s))
    s = _CONTROLS_IN_A_LINE.sub(" ", s)
    joined = " ".join(s.split())
    return text if joined == text else joined  # a text already on one line is not copied (a list's titles)


# The combining marks of the Basic Multilingual Plane (Unicode categories Mn, Mc and Me, as of
# Unicode 14; a test checks them against unicodedata): the search index reads a word across them
# (reader.index.textproc.MARKS), the loader caps a run of them (cap_marks). The supplementary
# planes are left out: their marks belong to historic scripts, and their many ranges make a scan
# of the class ten times slower.
COMBINING_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-\u061a"
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711\u0730-\u074a"
    "\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d\u0859-\u085b"
    "\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963"
    "\u0981-\u0983\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe\u0a01-\u0a03"
    "\u0a3c\u0a3e-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc"
    "\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44"
    "\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd"
    "\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56\u0c62-\u0c63"
    "\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03"
    "\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca"
    "\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc"
    "\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97"
    "\u0f99-\u0fbc\u0fc6\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
    "\u1082-\u108d\u108f\u109a-\u109d\u135d-\u135f\u1712-\u1715\u1732-\u1734\u1752-\u1753\u1772-\u1773"
    "\u17b4-\u17d3\u17dd\u180b-\u180d\u180f\u1885-\u1886\u18a9\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b"
    "\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82"
    "\u1ba1-\u1bad\u1be6-\u1bf3\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9"
    "\u1dc0-\u1dff\u20d0-\u20f0\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672"
    "\ua674-\ua67d\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c\ua880-\ua881"
    "\ua8b4-\ua8c5\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5"
    "\uaa29-\uaa36\uaa43\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1"
    "\uaaeb-\uaaef\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)

# How many combining marks one character keeps (cap_marks): more than any writing needs (a
# Hebrew letter with its points and cantillation, a Tibetan stack, carry five or six), few
# enough that a letter under 10,000 accents ("Zalgo" text) is one letter, not a flood down the
# screen and through every listing.
MARKS_KEPT = 8
# The zero-width characters: the soft hyphen, the zero-width space, the word joiner, the invisible
# operators and a byte-order mark (the loader removes them from articles, reader.corpus.clean).
# Single characters: a set, or a character class's body (the search index's IGNORABLE).
ZERO_WIDTH = "\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
# The zero-width (non-)joiner: part of a Persian, Arabic or Indic word's spelling.
ZERO_WIDTH_JOINERS = "\u200c\u200d"
# Characters no one sees, which may stand between a character's marks: a run of marks goes on
# across them, and they count in it (an accent, a zero-width joiner or a left-to-right mark, an
# accent... hid a flood from a count of marks, and the loader or the screen then drops them): the
# zero-width characters and joiners and the bidirectional controls; and the other characters no
# one sees, in the Basic Multilingual Plane and beyond it (INVISIBLE_IN_NAMES: a Mongolian vowel
# separator, a tag character, a musical symbol's beam control U+1D173, and the interlinear
# annotation controls U+FFF9-FFFB): a letter under 8 marks, a tag, 8 marks, a tag... was kept
# whole, its marks never more than 8 between two tags.
_INSIDE_MARKS = frozenset(ZERO_WIDTH + ZERO_WIDTH_JOINERS + BIDI_CONTROLS)
_INVISIBLE_INSIDE = re.compile(f"[{INVISIBLE_IN_NAMES}\ufff9-\ufffb]")
# ... those of the Basic Multilingual Plane (a test checks them against _INVISIBLE_INSIDE), for the
# scan: the class below takes every supplementary character already, and their ranges listed again
# made the scan of any text 3x slower.
_INVISIBLE_INSIDE_MARKS = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u206a-\u206f\u3164\uffa0\ufff0-\ufffb"
# A run of more marks than are kept, or of characters beyond the Basic Multilingual Plane (whose
# marks are too many ranges for a fast scan: such a run, most often emoji, is looked at closer).
_MARKS_OR_ASTRAL = f"[{COMBINING_MARKS}{''.join(sorted(_INSIDE_MARKS))}{_INVISIBLE_INSIDE_MARKS}\U00010000-\U0010ffff]"
_TOO_MANY_MARKS = lazy_regex.compile(_MARKS_OR_ASTRAL + _MARKS_OR_ASTRAL + "{%d}" % MARKS_KEPT)
_MARKS_RUN = lazy_regex.compile(_MARKS_OR_ASTRAL + "+")


def cap_marks(text: str) -> str:
    """`text` with at most MARKS_KEPT combining marks on a character (the first ones kept): what
    reaches a terminal, a listing or the index is bounded by the letters, not by a flood of
    accents piled on one."""
    if text.isascii() or _TOO_MANY_MARKS.search(text) is None:
        return text
    pieces, done = [], 0
    for found in _TOO_MANY_MARKS.finditer(text):
        if found.start() < done:
            continue
        run = _MARKS_RUN.match(text, found.start())
        assert run is not None
        pieces.append(text[done : run.start()])
        pieces.append(_capped_run(run.group()))
        done = run.end()
    pieces.append(text[done:])
    return "".join(pieces)


def _capped_run(run: str) -> str:
    """A run of marks, joiners and supplementary characters with no more than MARKS_KEPT marks
    (and joiners among them) in a row: any other character (an emoji) starts the count anew."""
    kept, count = [], 0
    for ch in run:
        if ch in _INSIDE_MARKS or unicodedata.category(ch)[0] == "M" or _INVISIBLE_INSIDE.match(ch):
            count += 1
            if count > MARKS_KEPT:
                continue
        else:
            count = 0
        kept.append(ch)
    return "".join(kept)


def sanitize(text: str) -> str:
    """Strip escape sequences and C0/C1 controls (newline and tab stay), unify line breaks, NFC;
    unpaired surrogates become U+FFFD (they would fail every write of the text); a flood of
    combining marks on one character is cut to MARKS_KEPT (cap_marks)."""
    if _NEEDS_WORK.search(text):
        text = _SURROGATES.sub("\ufffd", text)
        text = _ESCAPE_SEQUENCES.sub("", text)
        text = _LINE_BREAKS.sub("\n", text)
        text = _CONTROLS.sub("", text)
    return cap_marks(nfc(text))


def nfc(text: str) -> str:
    """`text` in Unicode normal form C: sanitize's last step, all that a piece cut from a
    sanitised text needs (it has no controls to strip, but a cut may need composing)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


_WHITESPACE = re.compile(r"\s+")


def sanitize_line(text: str) -> str:
    """A metadata value: sanitised, and on one line (whitespace runs become one space)."""
    return _WHITESPACE.sub(" ", sanitize(text)).strip()


_PASTED_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*|\t")


def pasted_line(text: str) -> str:
    """Text pasted or typed into a one-line box (search, filter): sanitised, each line break (and
    the blanks around it) or tab one space, a final line break dropped, and no bidi control or
    other invisible character (without_invisible_in_names): a pasted U+202E showed the box's
    text reversed, and the query held characters nobody could see. A quotation copied from a
    page often spans lines; keeping only its first line would search for a fragment of it.
    Blanks at the ends stay: they may part the pasted words from those typed around them."""
    return without_invisible_in_names(_PASTED_BREAKS.sub(" ", sanitize(text).rstrip("\n")))


def control_ratio(text: str) -> float:
    """The share of characters that are controls (other than newline/tab/CR): binary junk is high."""
    if not text:
        return 0.0
    sample = text[:_SNIFF]
    count = len(_JUNK.findall(sample))
    return count / len(sample)
