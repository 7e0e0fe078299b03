"""Following outlets: subscriptions, polite fetching, and the managed corpus of fetched articles.

No UI imports. Public API (the Library facade wraps it for the CLI and the TUI):

    load_subscriptions() -> Subscriptions          feeds.yaml: feeds, settings, problems
    add_feed(url, outlet=None, check=True)         subscribe (a feed, or a page naming its feed)
    remove_feed(url)                               unsubscribe (fetched articles stay)
    import_feeds(opml) / export_feeds() -> str     subscriptions from / as OPML (other feed readers)
    feed_statuses(problems) -> list[dict]          each feed with its last fetch and outcome
    fetch(force=False, ...) -> FetchReport         fetch due feeds and their new articles
"""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlsplit

from reader.fetch.http import (
    FEED_TYPES,
    HTML_TYPES,
    USER_AGENT,
    FetchCancelled,
    FetchFailed,
    HttpClient,
    HttpSettings,
    not_found_hint,
)
from reader.fetch.run import (
    LOST_WITH_THE_STATE,
    MOVED_SEEN_AT,
    NOT_REACHED,
    QUEUED_IN,
    STOPPED,
    FeedResult,
    Fetcher,
    FetchReport,
    fetching_now,
    killed_before,
    lost_with_the_state,
    noted_site,
    noted_title,
    noted_kind,
    noted_pages_failed,
    noted_pages_left,
    noted_reason,
    content_type,
    decoded_page,
    is_subscribed,
    named_feeds,
    outlet_for,
    siblings_of,
    try_again_said,
    gone_since,
    host_was_down,
    coding_ignored_warning,
    strays_warning,
)
from reader.fetch.store import (
    ArticleStore,
    FetchBusy,
    Saved,
    idle_recheck_at,
    judged_by_dates,
    run_not_saved,
    running_fetch,
)
from reader.fetch.subscriptions import (
    subscription_label,
    AlreadySubscribed,
    FeedsFileError,
    Subscription,
    Subscriptions,
    add_subscription,
    add_subscriptions,
    holds_controls,
    feeds_path,
    load_subscriptions,
    not_subscribed,
    remove_subscription,
    subscribed_as,
)

__all__ = [
    "AlreadySubscribed",
    "ArticleStore",
    "FeedResult",
    "FeedsFileError",
    "FetchBusy",
    "FetchCancelled",
    "FetchFailed",
    "FetchReport",
    "Fetcher",
    "HttpSettings",
    "Saved",
    "Subscription",
    "Subscriptions",
    "USER_AGENT",
    "add_feed",
    "export_feeds",
    "import_feeds",
    "feed_statuses",
    "feeds_path",
    "fetch",
    "find_feed",
    "not_found_hint",
    "load_subscriptions",
    "remove_feed",
]


def _feed_title(response) -> tuple[bool, str | None]:
    """(is a feed, its title as plain text) of a response."""
    from reader.corpus.formats import describe_feed

    return describe_feed(response.body, content_type(response))


def _address(asked: str, response) -> str:
    """The URL to subscribe to: where the feed moved for good (301, 308), else the one asked
    for. A temporary redirect's target (a signed CDN link, a tracker's hop) is no address."""
    return response.moved or asked


def find_feed(
    url: str,
    settings: HttpSettings | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    others: list[tuple[str, str | None]] | None = None,
    site: list[str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[str, str | None]:
    """(feed URL, feed title) for a feed URL or a page that names its feed (the site's own feed
    before a comments feed). FetchFailed otherwise. `progress` hears each step as it starts (a
    slow server otherwise shows nothing for seconds); `others` is given the other feeds the page
    names, (URL, title), for the user to pick one instead; `site` the name the feed's pages give
    their site (_pages_site), when one of them names it; `warnings` what `fetch` warns of the
    feed's bytes (UTF-8 but for stray bytes, read as cp1252)."""
    say = progress or (lambda message: None)

    def retrying(address: str, why: str, attempt: int, attempts: int) -> None:
        say(f"trying {address} again ({attempt} of {attempts}): {why}")

    try:
        return _found_feed(url, settings, say, retrying, others, site, warnings)
    except FetchFailed as exc:
        # A deferral (the site's robots.txt answered 429) says when to try again, as `fetch` does.
        raise exc.with_reason(try_again_said(exc.reason, exc.kind, exc.retry_after)) from None


def _found_feed(
    url: str,
    settings: HttpSettings | None,
    say: Callable[[str], None],
    retrying: Callable[[str, str, int, int], None],
    others: list[tuple[str, str | None]] | None,
    site: list[str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[str, str | None]:
    from reader.corpus.decode import read_with_strays

    with HttpClient(settings or load_subscriptions().settings, on_retry=retrying) as client:

        def found(address: str, feed, title: str | None) -> tuple[str, str | None]:
            strays = read_with_strays(feed.body)
            if strays is not None and warnings is not None:
                warnings.append(strays_warning(address, strays))
            if feed.coding_ignored and warnings is not None:
                warnings.append(coding_ignored_warning(address, feed.coding_ignored))
            named = _pages_site(client, address, feed, say) if site is not None else None
            if named is not None and site is not None:
                site.append(named)
            return address, title

        say(f"fetching {url}")
        # As `fetch` asks for it: an image or a PDF was "neither a feed nor a page that names
        # one", and added with --no-check `fetch` said "unexpected content type image/png".
        response = client.get(url, accept=FEED_TYPES + HTML_TYPES)
        if response is None:  # no validators were sent: cannot happen, but be exact
            raise FetchFailed(url, "the server answered 304 Not Modified to a plain request", kind="error")
        say("reading the page")
        is_feed, title = _feed_title(response)
        if is_feed and "html" not in response.content_type:
            return found(_address(url, response), response, title)
        named = named_feeds(decoded_page(response), response.url)
        refused: FetchFailed | None = None  # a feed link into a private network, not followed
        for candidate, _title in named:
            say(f"following the feed link {candidate}")
            try:
                # A page on the web may not send reader into a private network, as a feed may not.
                feed = client.get(candidate, accept=FEED_TYPES + HTML_TYPES, listed_by=response)
            except FetchFailed as exc:
                if exc.kind == "private_network":
                    refused = refused or exc
                continue
            if feed is not None:
                is_feed, title = _feed_title(feed)
                if is_feed:
                    if others is not None:
                        others.extend(other for other in named if other[0] != candidate)
                    return found(_address(candidate, feed), feed, title)
        if is_feed:
            return found(_address(url, response), response, title)
        if refused is not None:  # "neither a feed nor a page that names one" it was not
            words = refused.reason.removeprefix("skipped: ")
            raise FetchFailed(url, f"the feed the page names is not asked: {words}", kind="private_network")
        if not response.body.strip():  # said as `fetch` says it: no page there either
            raise FetchFailed(
                url, "the server sent an empty response, not a feed", kind="not_a_feed", status=response.status
            )
        raise FetchFailed(
            url,
            'neither a feed nor a page that names one (no <link rel="alternate"> to RSS, Atom or JSON Feed)',
            kind="not_a_feed",
            status=response.status,
        )


def _pages_site(client: HttpClient, feed_url: str, feed, say: Callable[[str], None]) -> str | None:
    """The name the feed's pages give their site (og:site_name), read from its first entry's page
    on its site, as `fetch` reads it: the outlet its articles are stored under. `feed add` named
    the feed's title ("Fox News - Politics") where they were stored under "Fox News". None when
    the registry names the site's outlet, or no page of the site names it (or it cannot be read)."""
    from reader.corpus.decode import BinaryFile
    from reader.corpus.formats import parse_feed
    from reader.corpus.html import parse_html
    from reader.corpus.outlets import default_registry
    from reader.fetch.urls import same_site

    if default_registry().from_url(feed_url) is not None:
        return None  # the registry's name comes first: no page needs asking
    try:
        entries = parse_feed(feed.body, base=feed.url or feed_url, content_type=content_type(feed))
    except Exception:  # feedparser on hostile bytes (find_feed read it as a feed already)
        return None
    link = next((m["url"] for _, m in entries if isinstance(m.get("url"), str) and same_site(m["url"], feed_url)), None)
    if link is None:
        return None
    say(f"reading the site's name from {link}")
    try:
        page = client.get(link, accept=HTML_TYPES, listed_by=feed)  # never a private address from the web
        if page is None or not same_site(page.url or link, feed_url):
            return None
        _, meta = parse_html(decoded_page(page), source_name=link, url=page.url, host_as_outlet=False)
    except (FetchFailed, BinaryFile, ValueError):
        return None  # the fetch reads it from the pages it stores
    return subscription_label(meta.get("outlet") or "")


# What an address looks like, for a word that is none (`feed add notaurl` said only "not an http(s) URL").
URL_EXAMPLE = " (a feed's address looks like https://example.com/feed.xml)"


def _without_scheme(url: str) -> bool:
    """Whether `url` is an address typed without its scheme, as a browser's bar shows it
    ("example.com/rss", "127.0.0.1:8080/feed.xml")."""
    return bool(re.match(r"^[\w-]+(\.[\w-]+)*(:\d+)?(/\S*)?$", url.strip())) and "." in url.partition("/")[0]


def _subscribed_without_scheme(url: str, feeds: list) -> str:
    """The subscription's URL that `url`, typed without its scheme, names (https's first, then
    http's): `reader fetch example.com/rss` fetches it, as a browser's bar finds the site. Else
    `url` as typed, refused by checked_url with its "did you mean"."""
    from reader.fetch.urls import feed_key

    if not _without_scheme(url):
        return url
    keys = {feed_key(feed.url): feed.url for feed in feeds}
    for scheme in ("https", "http"):
        found = keys.get(feed_key(f"{scheme}://{url.strip()}"))
        if found is not None:
            return found
    return url


def _meant(url: str) -> str:
    """What a URL that is not http(s) probably meant, as a hint: a browser's address without its
    scheme ("example.com/rss"), or a feed:// link (feed:https://…, feed://… is http://…); else
    what one looks like."""
    tail = re.sub(r"^feed:(//)?", "", url, flags=re.I) if url.lower().startswith("feed:") else None
    if tail is not None:
        guess = tail if re.match(r"^https?://", tail, re.I) else f"https://{tail}"
    elif re.match(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$", url) and not url.startswith("/"):
        guess = f"https://{url}"
    else:
        return URL_EXAMPLE
    return f" (did you mean {guess[:200]}?)"


def checked_url(url: str) -> str:
    """The URL stripped, or FeedsFileError(malformed=True) when it cannot name a feed at all
    (feeds.yaml skips such entries, so it can be no subscription either): a usage error."""
    url = url.strip()
    if not url:  # `feed add "$URL"` with URL unset said "not an http(s) URL:  (…)", naming nothing
        raise FeedsFileError(
            "the feed URL is empty: give a feed's address, such as https://example.com/feed.xml", malformed=True
        )
    if not re.match(r"^https?://\S+$", url, re.I):
        raise FeedsFileError(f"not an http(s) URL: {url[:200]}{_meant(url)}", malformed=True)
    if holds_controls(url):  # subscribed, it was a second `http://x/rss` in `feed list`
        raise FeedsFileError(
            f"not a valid URL: {_controls_shown(url[:200])} (it holds control characters)", malformed=True
        )
    try:  # `http://[::1` raised ValueError out of the check (a traceback), and --no-check kept it
        parts = urlsplit(url)
        usable = bool(parts.hostname) and parts.port != 0  # .port raises ValueError for a bad one
    except ValueError as exc:
        raise FeedsFileError(f"not a valid URL: {url[:200]} ({exc})", malformed=True) from None
    if not usable:
        raise FeedsFileError(f"not a valid URL: {url[:200]} (no host, or port 0)", malformed=True)
    return url


def _controls_shown(text: str) -> str:
    """`text` with each control or format character written as its escape (\\x1b, \\u202e)."""
    return "".join(char.encode("unicode_escape").decode("ascii") if holds_controls(char) else char for char in text)


def add_feed(
    url: str,
    *,
    outlet: str | None = None,
    check: bool = True,
    progress: Callable[[str], None] | None = None,
    others: list[tuple[str, str | None]] | None = None,
    warnings: list[str] | None = None,
) -> Subscription:
    """Subscribe. With `check`, the URL is fetched first: a page is replaced by the feed it names
    (the other feeds it names go in `others`; what `fetch` warns of its bytes in `warnings`), and
    the feed's title is noted. FetchFailed /
    FeedsFileError with the reason otherwise; AlreadySubscribed, before anything is fetched when
    the URL given is the feed's, for a feed followed already."""
    url = checked_url(url)
    title = None
    try:
        followed = subscribed_as(url, load_subscriptions().feeds)
    except FeedsFileError:
        followed = None  # said by add_subscription below, once the feed is found
    if followed is not None:
        raise AlreadySubscribed(followed)
    site: list[str] = []
    if check:
        url, title = find_feed(
            url, progress=progress, others=others, site=site if outlet is None else None, warnings=warnings
        )
    store = ArticleStore()
    if _stale([url], store):
        # Fetch state of a subscription removed before (by a `feed remove` killed before it
        # forgot it, or an entry deleted by hand): a new subscription starts without it.
        _forget_states([url], progress)
    subscription = add_subscription(url, outlet=outlet, title=title)
    store.root.mkdir(parents=True, exist_ok=True)  # the fetched corpus joins the default corpus
    if site:
        _note_site(subscription.url, site[0], progress)
    return subscription


def _note_site(url: str, site: str, progress: Callable[[str], None] | None) -> None:
    """Note the name the feed's pages give their site, as a fetch of them would: `feed list` and
    `feed add --json` name the outlet its articles will be stored under. Not noted while a fetch
    holds the lock past the wait (its pages, once fetched, note it)."""
    from reader import config

    store = ArticleStore()
    try:
        store.lock(wait=config.lock_wait(), on_wait=progress)
    except FetchBusy:
        return
    try:
        if store.problem is None:
            store.feed_state(url)["site_name"] = site
            store.save_state()
    finally:
        store.unlock()


def import_feeds(data: bytes, progress: Callable[[str], None] | None = None) -> dict:
    """Subscribe to every feed an OPML file (another reader's export) or newsboat's urls file
    names, as `feed add --no-check` would each: none is fetched now (a hundred feeds took
    minutes; `reader fetch` reports the ones that fail). One edit of feeds.yaml.
    {"added": [subscription dicts], "already": [URLs subscribed before], "skipped": [{"url",
    "reason"}]: no http(s) URL, or a newsboat query: feed}, "repeated": [{"url", "same_as"}]: a
    feed the file named before, as it named it then (taken once)}. OpmlError for a file that is neither;
    FeedsFileError / FetchBusy as for add_feed."""
    from reader.fetch.opml import read_subscription_list

    from reader.fetch.urls import feed_key

    wanted: list[Subscription] = []
    skipped: list[dict] = []
    # A feed the file names again (in another folder, or spelled otherwise: a host in capitals, a
    # fragment): taken once, as before, but said: "2 feeds added" of a file of four went unexplained.
    first_named: dict[str, str] = {}
    repeated: list[dict] = []
    for outline in read_subscription_list(data):
        if outline.problem:
            skipped.append({"url": outline.url, "reason": outline.problem})
            continue
        try:
            url = checked_url(outline.url)
        except FeedsFileError as exc:
            skipped.append({"url": outline.url, "reason": str(exc)})
            continue
        key = feed_key(url)
        if key in first_named:
            repeated.append({"url": url, "same_as": first_named[key]})
            continue
        first_named[key] = url
        wanted.append(Subscription(url=url, outlet=outline.outlet, title=outline.title))
    store = ArticleStore()
    stale = _stale([feed.url for feed in wanted], store)
    if stale:  # fetch state of subscriptions removed before: new ones start without it (add_feed)
        _forget_states(stale, progress)
    added, already = add_subscriptions(wanted)
    if added:
        store.root.mkdir(parents=True, exist_ok=True)  # the fetched corpus joins the default corpus
    return {"added": [feed.to_dict() for feed in added], "already": already, "skipped": skipped, "repeated": repeated}


def export_feeds(problems: list[str] | None = None) -> str:
    """The subscriptions as an OPML 2.0 document, for another feed reader. FeedsFileError for an
    unreadable feeds.yaml. A feed with no title in feeds.yaml (added with --no-check, from
    newsboat's urls file) is titled as its last fetch gave it: its URL as its title was what the
    other reader then listed it by. `problems` gets the entries feeds.yaml skips, from the one
    read the document is made of (a second read could see another file: an edit in between)."""
    import dataclasses

    from reader.fetch.opml import write_opml

    subscriptions = load_subscriptions()
    if problems is not None:
        problems.extend(subscriptions.problems)
    noted = ArticleStore().state.get("feeds") or {}
    feeds = [
        feed if feed.title else dataclasses.replace(feed, title=noted_title(noted.get(feed.url) or {}))
        for feed in subscriptions.feeds
    ]
    return write_opml(feeds)


def _stale(urls: list[str], store: ArticleStore) -> list[str]:
    """Those of `urls` not subscribed whose fetch state the store still holds (left by a
    subscription removed before). feeds.yaml is read once (an import of 500 feeds read it once per
    feed); none when it cannot be read: add_subscription says why, and nothing is forgotten."""
    from reader.fetch.urls import feed_key

    try:
        subscribed = {feed_key(feed.url) for feed in load_subscriptions().feeds}
    except FeedsFileError:
        return []
    return [url for url in urls if feed_key(url) not in subscribed and store.knows_feed(url)]


def _forget_states(urls: list[str], progress: Callable[[str], None] | None = None) -> None:
    """Forget the fetch state of several feeds under one hold of the fetch lock (`progress` hears
    a wait for it). FetchBusy."""
    from reader import config

    store = ArticleStore()
    store.lock(wait=config.lock_wait(), on_wait=progress)
    try:
        _forget_locked(store, urls)
    finally:
        store.unlock()


def _forget_locked(store: ArticleStore, urls: list[str]) -> None:
    """Forget feeds' fetch state and save it; the caller holds the fetch lock."""
    if store.problem is None and any([store.forget_feed(url) for url in urls]):  # a list: forget them all
        store.save_state()


def remove_feed(url: str, progress: Callable[[str], None] | None = None, busy: list[str] | None = None) -> Subscription:
    """Unsubscribe, and forget the feed's fetch state (ArticleStore.forget_feed): added back, it
    is fetched at once as any new subscription, not when its old schedule says. Its fetched
    articles stay.

    The state is forgotten before feeds.yaml is written: killed in between, the feed is still
    subscribed (a new `feed remove` finishes the job; a fetch meanwhile reads it anew), never
    unsubscribed with its old schedule and validators kept for when it is added back.

    A fetch that is running is waited for, up to READER_LOCK_WAIT (`progress` hears that it
    waits, store.WAITING). Still running then, the feed is unsubscribed all the same, as `feed
    add` subscribes one during a run (it failed, "nothing was removed"), and its fetch state,
    which that run's save writes back, is left: `feed add` forgets the state of a feed not
    subscribed (_stale), so added back it starts afresh all the same. That run fetches the feed
    to its end (it read feeds.yaml as it started): `busy` hears so, in words for the user."""
    from reader import config
    from reader.fetch.store import _busy_words

    url = checked_url(url)
    store = ArticleStore()
    if not store.state_path.exists():  # never fetched: nothing to forget
        return remove_subscription(url)
    try:
        store.lock(wait=config.lock_wait(), on_wait=progress)
    except FetchBusy as exc:
        removed = remove_subscription(url)
        if busy is not None:
            busy.append(f"the reader fetch running{_busy_words(exc.since, exc.pid)} fetches it to its end")
        return removed
    try:
        return remove_subscription(url, before_write=lambda feed: _forget_locked(store, [feed.url]))
    finally:
        store.unlock()


def feed_statuses(problems: list[str] | None = None, skipped: list[str] | None = None) -> list[dict]:
    """Each subscription with its last fetch; why the fetch state could not be read, if so, added
    to `problems` (every feed then showed "not fetched yet", unexplained until the next fetch);
    the entries feeds.yaml skips, and why (a bad URL), to `skipped`."""
    from reader.corpus.outlets import registry_held

    # Each feed's outlet with one look at outlets.yaml, not one a feed (a config folder's lookup
    # and a stat each: a fifth of a 2,000-feed list's time; bench/bench_feed_list.py).
    with registry_held():
        return _feed_statuses(problems, skipped)


def _feed_statuses(problems: list[str] | None, skipped: list[str] | None) -> list[dict]:
    subscriptions = load_subscriptions()
    if skipped is not None:
        skipped.extend(subscriptions.problems)
    store = ArticleStore()
    if store.problem and problems is not None:
        problems.append(store.problem)
    store.adopt_moved(feed.url for feed in subscriptions.feeds)  # as the next fetch will (not saved here)
    siblings = siblings_of(subscriptions.feeds, store.state)
    running = running_fetch(store.state_path.parent)
    # The last run could not save the state at its end: what it noted as it went is all there is.
    # Read whoever holds the lock now: `feed add`, `feed remove` and a fetch keep the note beside
    # theirs (it was read only with no holder, and a `feed add` made those feeds look fine).
    not_saved = run_not_saved(store.state_path.parent)
    out = []
    for feed in subscriptions.feeds:
        state = store.state["feeds"].get(feed.url) or {}
        fetching = fetching_now(state, running)
        queued = fetching_now(state, running, QUEUED_IN)
        lost = noted_reason(state.get(LOST_WITH_THE_STATE)) or lost_with_the_state(state, not_saved)
        moved_to = state.get("moved_to") if isinstance(state.get("moved_to"), str) else None  # a damaged state's 5
        gone = gone_since(state)
        out.append(
            {
                "url": feed.url,
                # A feed added with --no-check has no title noted: the one its last fetch gave.
                "outlet": outlet_for(feed, None, noted_site(state), noted_title(state), siblings),
                "title": feed.title,
                "every": feed.every,
                "articles": feed.articles,
                "last_fetched": state.get("fetched_at"),
                "status": state.get("status"),
                "error": state.get("error"),
                "kind": noted_kind(state),  # why the last fetch failed (as `reader fetch --json` says it)
                "failures": state.get("failures") or 0,  # failed runs in a row
                "retry_at": state.get("retry_at")
                if (state.get("status") == "failed" or host_was_down(state)) and not gone
                else None,
                # When it answered 410 Gone: not asked again till `reader fetch FEED_URL` names it.
                "gone_since": gone,
                "stored": store.articles_count(feed.url),
                "moved_to": moved_to,  # answered at this URL through a 301/308 (a failure since keeps it)
                "moved_seen_at": state.get(MOVED_SEEN_AT) if moved_to else None,  # when last answered
                "moved_to_subscribed": moved_to is not None and is_subscribed(moved_to, subscriptions.feeds),
                # The last run was stopped before all its entries were stored: due again at once.
                "stopped": state.get(STOPPED) is True and not fetching,
                # The run under way has read it and saved its progress (a killed run's is `stopped`).
                "fetching": fetching,
                # The run under way is to read it and has not yet: its last result is the run's before.
                "queued": queued,
                # Why the last run did not read it (stopped before it: ctrl+c, a full disk, a kill).
                "not_reached": noted_reason(state.get(NOT_REACHED))
                or (not lost and not queued and _holder_known(running) and killed_before(state) or None),
                # Its result in the last run was lost with the state that run could not save at its end.
                "state_not_saved": lost,
                # Pages the per-run limits left for the next run: due again at once too.
                "pages_left": noted_pages_left(state),
                # The pages of the last run that failed: {"failed", "of", "reason"} (the first's), or None.
                "pages_failed": noted_pages_failed(state),
                # Why the last run did not ask it (its host timed out, its robots.txt did not
                # answer): not a fetch, so last_fetched and status are the fetch before.
                "not_asked": noted_reason(state.get("not_asked")),
                # Its entries' texts proved no sign of an edit (store.IDLE_EDITS): judged by their
                # dates alone, till the recheck at `recheck_at` (0: at the next changed text).
                "dates_only": judged_by_dates(state),
                "recheck_at": idle_recheck_at(state),
            }
        )
    return out


def _holder_known(running: tuple[float | None, int | None] | None) -> bool:
    """Whether a feed's QUEUED_IN note that is not the lock holder's is a killed run's: no process
    holds the fetch lock, or the one that does is known by its note (`feed add`, `feed remove`, or
    a fetch that has not yet noted the feed). A holder not confirmed may be the run that wrote it."""
    return running is None or running[0] is not None


def fetch(
    *,
    force: bool = False,
    only: list[str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    settings: HttpSettings | None = None,
    on_started: Callable[[], None] | None = None,
) -> FetchReport:
    """Fetch the due feeds (all of them with `force`; only those whose URL is in `only` when
    given) and store their new articles. FeedsFileError, FetchBusy. `on_started()` once feeds.yaml
    and the fetch state are read and the lock held, before anything is asked (Fetcher)."""
    from reader.config import lock_wait

    if only and any(_without_scheme(u) for u in only):
        feeds_now = load_subscriptions().feeds
        only = [_subscribed_without_scheme(u, feeds_now) for u in only]
    only = [checked_url(u) for u in only] if only else only
    subscriptions = load_subscriptions()
    feeds = subscriptions.feeds
    if only:
        from reader.fetch.urls import feed_key

        # A URL as reader prints it, its secret query values "***" (subscribed_as): the feed's own.
        only = [matched.url if (matched := subscribed_as(u, feeds)) is not None else u for u in only]
        wanted = {feed_key(u) for u in only}
        feeds = [f for f in feeds if feed_key(f.url) in wanted]
        found = {feed_key(f.url) for f in feeds}
        # Said as typed, the first one typed: its key ("?q=caf%C3%A9" of "?q=café") was no URL given.
        missing = next((u for u in only if feed_key(u) not in found), None)
        if missing is not None:
            raise FeedsFileError(not_subscribed(missing, subscriptions.feeds), unknown=True)
        force = True
    if not feeds:
        return FetchReport(problems=list(subscriptions.problems))
    store = ArticleStore()
    fetcher = Fetcher(
        feeds,
        store,
        settings or subscriptions.settings,
        progress=progress,
        cancel=cancel,
        subscriptions=subscriptions.feeds,
        conversion_wait=lock_wait(),
        on_started=on_started,
        named=bool(only),
    )
    report = fetcher.run(force=force)
    report.problems[:0] = list(subscriptions.problems) + ([store.problem] if store.problem else [])
    return report
