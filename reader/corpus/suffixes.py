"""Which file suffixes are articles (formats.py parses them; discover.py finds them, without
importing the parsers)."""

import os

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# A page saved as one file, its images within: Chrome's and Edge's "Webpage, Single File" (MHTML,
# reader.corpus.mhtml) and Safari's "Web Archive" (reader.corpus.webarchive); the page they hold is
# read.
MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
WEBARCHIVE_SUFFIX = ".webarchive"
SAVED_PAGE_SUFFIXES = MHTML_SUFFIXES | {WEBARCHIVE_SUFFIX}
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# One JSON article (news-please writes one a file) or a list of them; JSON of no article fields (a
# tool's package.json, tsconfig.json) is skipped with that reason.
JSON_SUFFIXES = frozenset({".json"})
# A mail saved from a mail program (a newsletter): reader.corpus.email_file.
EMAIL_SUFFIXES = frozenset({".eml"})
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | SAVED_PAGE_SUFFIXES
    | FEED_SUFFIXES
    | JSONL_SUFFIXES
    | JSON_SUFFIXES
    | EMAIL_SUFFIXES
)
# A gzip, bzip2 or xz file of these is read as the format it holds ("page.html.gz",
# "page.mhtml.xz"): research datasets, wget mirrors and archived folders ship them so
# (reader.corpus.compressed). Not ".xml": a ".xml.gz" is a sitemap far more often than a feed.
GZIP_SUFFIX = ".gz"
COMPRESSION_SUFFIXES = (GZIP_SUFFIX, ".bz2", ".xz")
COMPRESSED_FORMAT_SUFFIXES = SUPPORTED_SUFFIXES - {".xml"}


def compression_suffix(name: str) -> str | None:
    """ ".gz", ".bz2" or ".xz" when `name` ends in one (any case), else None."""
    lower = name.lower()
    if not lower.endswith(COMPRESSION_SUFFIXES):  # most names: no generator made (a scan asks twice a file)
        return None
    return next((suffix for suffix in COMPRESSION_SUFFIXES if lower.endswith(suffix)), None)


def article_suffix(name: str) -> str | None:
    """The suffix of the format a file called `name` holds, in lower case (".html" for
    "page.html" and for "page.HTML.gz" or "page.html.xz"), or None for a file that is no article."""
    lower = name.lower()
    compression = compression_suffix(lower)
    compressed = compression is not None
    if compression is not None:
        lower = lower[: -len(compression)]
    dot = lower.rfind(".")
    suffix = lower[dot:] if dot > 0 else ""
    return suffix if suffix in (COMPRESSED_FORMAT_SUFFIXES if compressed else SUPPORTED_SUFFIXES) else None


# What a browser's "Save page as" (a complete web page) puts beside "Page.html": "Page_files", the
# page's images, scripts, styles and frames, none of them an article. Read, its frames and
# trackers were a list of "no article text found" skips, or an article of an advert's text.
SAVED_PAGE_FOLDER_END = "_files"


def saved_page_folders(names: list[str]) -> set[str]:
    """The names among a folder's `names` that are a saved page's resource folder ("Page_files"
    beside "Page.html", the page's suffix in any case), not walked."""
    pages = {name[: -len(suffix)] for name in names if (suffix := _html_suffix(name))}
    if not pages:
        return set()
    end = len(SAVED_PAGE_FOLDER_END)
    return {name for name in names if name.endswith(SAVED_PAGE_FOLDER_END) and name[:-end] in pages}


def _html_suffix(name: str) -> str | None:
    dot = name.rfind(".")
    return name[dot:] if dot > 0 and name[dot:].lower() in HTML_SUFFIXES else None


def is_compressed(name: str) -> bool:
    """Whether a file called `name` is an article compressed ("page.html.gz", "page.md.bz2")."""
    return compression_suffix(name) is not None and article_suffix(name) is not None


def without_compression(name: str) -> str:
    """`name` without its compression suffix when it is a compressed article's ("page.html" of
    "page.html.gz"), else `name`."""
    return name[: -len(compression_suffix(name) or "")] if is_compressed(name) else name


def article_stem(name: str) -> str:
    """`name` without its article suffix, and .gz ("page" of "page.html.gz"); of a name that is no
    article's, the name itself."""
    suffix = article_suffix(name)
    if suffix is None:
        return name
    return without_compression(name)[: -len(suffix)]


def fetched_pages(folder: str | os.PathLike, names: list[str]) -> set[str]:
    """The compressed files among `names`, those of `folder`, when it lies in the folder `reader
    fetch` stores its articles in: each article's page, kept beside it ("x.html.gz" beside "x.md"),
    never an article of its own, nor one once its text is deleted. Elsewhere a compressed file
    is an article, and one beside the same name uncompressed is said to share its id."""
    compressed = {name for name in names if is_compressed(name)}
    if not compressed:
        return compressed
    from reader import config

    store = os.path.realpath(config.fetched_corpus_dir())
    inside = os.path.realpath(folder)
    return compressed if inside == store or inside.startswith(store + os.sep) else set()
