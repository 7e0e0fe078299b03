"""A page Safari saved as a Web Archive (.webarchive): a property list (binary, or XML from older
Safaris) whose WebMainResource holds the page's HTML (WebResourceData), its charset
(WebResourceTextEncodingName) and its address (WebResourceURL); its images, styles and frames
are other entries, not read. Read with the stdlib `plistlib`."""

from __future__ import annotations

import plistlib

from reader.corpus.formats import FormatError
from reader.corpus.mhtml import PAGE_TYPES, SavedPage, as_utf8, web_url

NOT_AN_ARCHIVE = "not a Safari web archive"


def saved_page(data: bytes) -> SavedPage:
    """The page a .webarchive file's bytes hold. Raises FormatError with the reason a user reads."""
    try:
        archive = plistlib.loads(data)
    except Exception as exc:  # plistlib raises several kinds on damaged or hostile bytes
        raise FormatError(f"{NOT_AN_ARCHIVE}: it cannot be read as a property list ({type(exc).__name__})") from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise FormatError(f"{NOT_AN_ARCHIVE}: it has no main page (WebMainResource)")
    html = main.get("WebResourceData")
    kind = main.get("WebResourceMIMEType")
    if isinstance(kind, str) and kind.strip().lower() not in PAGE_TYPES:
        raise FormatError(f"no web page in this web archive: its main resource is {kind.strip()[:40]!r}, not HTML")
    if not isinstance(html, bytes):
        raise FormatError("no web page in this web archive: its main resource holds no data (WebResourceData)")
    charset = main.get("WebResourceTextEncodingName")
    return SavedPage(html=as_utf8(html, charset), url=web_url(main.get("WebResourceURL")))
