"""`reader feed add|list|remove|import|export` and `reader fetch`: follow outlets' feeds into the fetched corpus."""

from __future__ import annotations

import sys
import threading
from collections import defaultdict

from reader.commands.common import (
    CommandError,
    bounded_read,
    ProgressLine,
    Stopped,
    add_progress_option,
    busy_advice,
    ctrl_c_stops,
    emit_json as emit_json_as_is,
    input_bytes,
    interrupted_status,
    interrupted_words,
    open_library,
    preparing_comparisons,
    print_error,
    progress_json,
    strip_controls_for_terminal as clean,
    use_colour,
    writes_utf8,
)
from reader.wording import (
    secrets_hidden_in,
    UPDATED_SINCE_READ,
    counted,
    fetched_when,
    outlet_shown,
    reader_command,
    shell_word,
    untrusted_shown,
)

FETCH_FAILED = 1  # some feed or page failed (everything else was still fetched and stored)
FETCH_BUSY = 3
# A fetch holding the lock this long (seconds) is said even by --quiet: cron mails it, as a run
# that may be stuck. A shorter overlap is the harmless one of a slow run and the next cron run.
FETCH_STUCK_AFTER = 3600


def emit_json(data) -> None:
    """--json of the feed commands: a URL's password and secret query values written *** (as
    every line reader prints hides them); feeds.yaml keeps them, and `feed remove`, `fetch URL`
    take the URL as printed (subscribed_as)."""
    emit_json_as_is(secrets_hidden_in(data))


def register(subparsers) -> None:
    feed = subparsers.add_parser(
        "feed",
        help="manage subscriptions (feeds.yaml)",
        description="Subscriptions live in feeds.yaml in your config folder (a commented example "
        "is written the first time); `reader fetch` fetches them.",
        epilog="exit status (each ACTION's --help says its own): 0 when the ACTION did what was asked, 1 when a "
        "feed could not be fetched or feeds.yaml not written, 2 for a usage error (no ACTION or an unknown one, "
        "a malformed URL, an unreadable feeds.yaml, a bad option), 3 while a fetch runs.",
    )
    actions = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True, title="commands")
    add = actions.add_parser(
        "add",
        help="subscribe to a feed (or a page that names its feed)",
        description="Subscribe to an RSS, Atom or JSON feed. The URL is fetched first: a web page is "
        'replaced by the feed its <link rel="alternate"> names, and the feed\'s title is noted.',
        epilog='exit status: 0 when it was added or is a subscription already (said so; "already": true '
        "with --json), 1 when the URL could not be fetched, or is a subscription already under another outlet "
        "than --outlet names, 2 for a malformed URL, an unreadable feeds.yaml or a bad option, 3 while a fetch runs.",
    )
    add.add_argument("url", metavar="URL", help="the feed's http(s) URL, or a web page that names its feed")
    add.add_argument(
        "--outlet",
        metavar="NAME",
        help="the outlet's name (default: from the outlets registry by domain, else the site's or the feed's own name)",
    )
    add.add_argument("--no-check", action="store_true", help="add the URL as it is, without fetching it")
    add.add_argument("--json", action="store_true", help="print the subscription as JSON")
    add.set_defaults(run=run_add)
    listing = actions.add_parser(
        "list",
        help="every subscription with its last fetch",
        description="Every subscription: URL, outlet, last fetch and its outcome, with what that run left "
        "(pages failed or left, a move) and a feed judged by its entries' dates only (their texts changed in three "
        "reads in a row while their pages did not; the page of each entry whose text changed since is asked at the "
        "first run a week later, so an edit under an unchanged date is fetched then).",
        epilog="exit status: 0, also when there is no subscription (the output is then empty, or [] with "
        "--json, and stderr says so); 2 for an unreadable feeds.yaml or a bad option.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(run=run_list)
    remove = actions.add_parser(
        "remove",
        help="unsubscribe (fetched articles stay)",
        description="Remove a feed from feeds.yaml. Articles already fetched stay.",
        epilog="exit status: 0 when it was removed (while a fetch runs too: that run fetches it to its end), "
        "1 when feeds.yaml cannot be written, 2 for a FEED_URL that is not one of your subscriptions, "
        "a malformed URL, an unreadable feeds.yaml or a bad option.",
    )
    remove.add_argument("url", metavar="FEED_URL", help="the subscription's URL, as `reader feed list` shows it")
    remove.add_argument("--json", action="store_true", help="print the removed subscription as JSON")
    remove.set_defaults(run=run_remove)

    importing = actions.add_parser(
        "import",
        help="subscribe to the feeds of an OPML file (another feed reader's export) or newsboat's urls file",
        description="Subscribe to every feed an OPML file names (Feedly's, NetNewsWire's, `newsboat -e`'s "
        "export; folders are flattened), or newsboat's own urls file (~/.newsboat/urls: a URL a line, "
        '"~Title" its title), each as `reader feed add --no-check` adds it: none is fetched now; '
        "`reader fetch` fetches them and names the ones that fail. Feeds you follow already, a feed the file "
        "names again (in another folder, or spelled otherwise), entries without an http(s) URL and newsboat's "
        "query: and exec: feeds are skipped, and said. Nothing is imported from a file that does not parse.",
        epilog="exit status: 0 when it was read (some feeds may have been subscribed already), 1 when "
        "feeds.yaml could not be written, 2 for a FILE that cannot be read, is neither OPML nor a urls file or is over 8 MB, or an "
        "unreadable feeds.yaml, or a bad option, 3 while a fetch runs.",
    )
    importing.add_argument(
        "file", metavar="FILE", help="the OPML file, or newsboat's urls file (- reads standard input)"
    )
    importing.add_argument("--json", action="store_true", help="print what was added and skipped as JSON")
    importing.set_defaults(run=run_import)
    exporting = actions.add_parser(
        "export",
        help="print your subscriptions as OPML (for another feed reader)",
        description="Print every subscription as an OPML 2.0 document on standard output, which "
        "newsboat (`newsboat -i FILE`) and other feed readers import.",
        epilog="exit status: 0, or 2 for an unreadable feeds.yaml or a bad option.",
    )
    exporting.set_defaults(run=run_export)
    exporting.prints_instead_of_json = (
        "prints OPML, which has no JSON form: `reader feed list --json` lists the subscriptions as JSON"
    )

    fetch = subparsers.add_parser(
        "fetch",
        help="fetch new articles from your subscriptions",
        description="Fetch the feeds that are due (each feed's `every`, default 15 minutes), then "
        "each new entry's page, and store the articles in the fetched corpus; index them and prepare "
        "their stories' comparisons as `reader index` does. Each article stored is one line, `new` or "
        'its version (`v2`: a page its outlet edited, kept beside the older; "(updated since you read it)" '
        "when you read an older one). Politely: conditional "
        "GET, robots.txt, a delay between requests to one host. A failing feed or page is one line "
        "and never stops the others.",
        epilog="exit status: 0 when every feed was fetched, or when the only failures are feeds or pages failing "
        "for now (a timeout, a 5xx, a refused or dropped connection; each still said on stderr) before their "
        "third run in a row, so that cron mails only what lasts; 1 when any other failed (--json's "
        '"counted" says which made it 1), or when the fetch state could not be saved at the end (the articles '
        "are stored), or when an article could not be written (a full disk: the run stopped there, the articles "
        "stored before it are listed and indexed) or indexed (they are stored); 2 for an unreadable "
        "feeds.yaml, a malformed URL, a FEED_URL that is not one of your subscriptions or a bad option, 3 when another "
        "fetch runs (said by --quiet only once it has run for an hour: it may be stuck) or another reader command "
        "is still converting the fetch state to its new layout after READER_LOCK_WAIT seconds, 130 when "
        "interrupted (the articles stored by then are kept; before any feed was asked, one line says nothing was "
        'fetched and the fetch state is unchanged, and --json still prints the report, "started": false). '
        'A run stopped before some feeds (ctrl+c, a full disk) lists them too, "not-reached" with why. '
        "ctrl+c cannot stop a read of a data folder on a hard-mounted NFS whose server stopped answering: "
        "kill -9 does (docs/fetch.md).",
    )
    fetch.add_argument(
        "feeds",
        nargs="*",
        metavar="FEED_URL",
        help="only these subscriptions (fetched now, one that answered 410 Gone too; an address without its "
        "scheme, example.com/rss, names the subscription at https:// or http:// of it)",
    )
    fetch.add_argument(
        "--all",
        action="store_true",
        help="fetch every feed now, due or not (but those that answered 410 Gone: name one to ask it again; "
        "and those whose server asked to wait, Retry-After, till the wait is over)",
    )
    said = fetch.add_mutually_exclusive_group()
    said.add_argument("--json", action="store_true", help="print the report as JSON")
    said.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing but what went wrong, on stderr (for cron, which mails any output): the failures "
        "that make the exit status 1 and each feed named here that failed or was not asked; no line per new "
        "article, no summary, no warning, nothing of another fetch still running unless it has run for an hour "
        "(the exit status is the same as without it)",
    )
    # (not of the group: with --json or --quiet, which say each feed already, it has nothing to add)
    fetch.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=f"say every feed that failed or was not asked, each on its own line (without it, the first "
        f"{FEED_LINES_SHOWN} and a count of the rest; --json says them all, with it or not; --quiet says those "
        "that fail the run, and the feeds named), and each feed or page that held its host a while as others "
        "of the host waited",
    )
    add_progress_option(fetch, '"fetching", then "indexing" and "preparing comparisons"')
    fetch.set_defaults(run=run_fetch)


def shown_title(text: str) -> str:
    """A feed's or an entry's title (from a server) on a line: read, not typed back, so every
    invisible character removed (bidi, zero-width, format: title_for_terminal), as the app does."""
    from reader.corpus.decode import title_for_terminal

    return title_for_terminal(text)


def _errors():
    from reader.library import FeedsFileError, FetchBusy, FetchFailed

    return FeedsFileError, FetchBusy, FetchFailed


def _subscriptions():
    """The facade's subscription calls, with no corpus opened: they do not read it, and a corpus
    folder that is missing (moved, unmounted) must not stop `reader feed`."""
    from reader.library import Library

    return Library


def _listed_feeds() -> dict[str, dict]:
    """Each subscription's row of `feed list --json` (not yet in its JSON form), by URL; {} when
    feeds.yaml cannot be read now."""
    FeedsFileError, _busy, _failed = _errors()
    try:
        return {feed["url"]: feed for feed in _subscriptions().feeds()}
    except (FeedsFileError, OSError):
        return {}


def _listed_outlets() -> dict[str, str | None]:
    """Each subscription's `outlet` as `feed list --json` and `fetch --json` give it: the one its
    articles are stored under (the registry's name, the site's, the feed's title), not only one
    given with --outlet. `feed add --json` said null of a feed `feed list` named "Example News".
    Empty when feeds.yaml is unreadable now: the outlets as given."""
    return {url: feed["outlet"] for url, feed in _listed_feeds().items()}


def _with_listed_outlet(subscription: dict, listed: dict[str, str | None]) -> dict:
    return {**subscription, "outlet": listed.get(subscription["url"], subscription["outlet"])}


def run_add(args) -> int:
    FeedsFileError, FetchBusy, FetchFailed = _errors()
    from reader.fetch.subscriptions import subscription_label
    from reader.library import AlreadySubscribed

    if args.outlet is not None and subscription_label(args.outlet) is None:
        # `--outlet "$NAME"` with NAME unset was taken as no --outlet at all, as `list --outlet ""` is not
        raise CommandError("an outlet name is needed", code=2)
    library = _subscriptions()
    # What it is doing, on a terminal only: a slow server showed nothing for many seconds.
    progress = ProgressLine("feed add")
    progress.enabled = progress.enabled and not args.json
    others: list[tuple[str, str | None]] = []  # the other feeds a page names
    warnings: list[str] = []  # the feed's stray bytes, as `fetch` warns of them
    steps = _Ticking(progress)
    try:
        subscription = library.add_feed(
            args.url,
            outlet=args.outlet,
            check=not args.no_check,
            progress=steps,
            others=others,
            warnings=warnings,
        )
    except FetchFailed as exc:
        if args.json:  # what went wrong, for scripts, as `reader fetch --json` names a failure
            emit_json({"failed": [exc.to_dict()]})
        # (a feed gone for good is not worth adding anyway)
        anyway = "" if exc.status == 410 else " (--no-check adds it anyway)"
        raise CommandError(f"cannot add {exc.url}: {_failed_add_reason(exc)}{anyway}") from None
    except AlreadySubscribed as exc:
        return _followed_already(exc.subscription, args, others, warnings)
    except FeedsFileError as exc:  # a broken feeds.yaml or a malformed URL is a usage error (2)
        if args.json and exc.malformed:
            emit_json(
                {
                    "failed": [
                        {
                            "url": args.url,
                            "reason": str(exc),
                            "kind": "bad_url",
                            "status": None,
                            "counted": True,
                            "feed": None,
                        }
                    ]
                }
            )
        raise CommandError(str(exc), code=2 if exc.usage else 1) from None
    except FetchBusy as exc:  # fetch state left by an earlier removal must go first (fetch.add_feed)
        again = reader_command(f"feed add {shell_word(args.url)}")
        raise CommandError(_busy_said(exc, again, " (nothing was added)"), code=3) from None
    except OSError as exc:
        raise _not_written(exc, "nothing was added") from None
    except KeyboardInterrupt as exc:  # ctrl+c while the server is waited for: said at once
        return _interrupted(exc, args.url, "added")
    finally:
        steps.stop()
        progress.finish()
    warnings.extend(_near_twins_said(subscription.url))
    for warning in warnings:
        print_error(f"warning: {warning}")
    if args.json:
        added = _with_listed_outlet(subscription.to_dict(), _listed_outlets())
        others_listed = [{"url": url, "title": title} for url, title in others]
        emit_json({**added, "already": False, "gone_since": None, "other_feeds": others_listed, "warnings": warnings})
    else:
        title = f" ({shown_title(subscription.title)})" if subscription.title else ""
        print(f"subscribed to {untrusted_shown(subscription.url)}{title}")
        if others:
            # The page named several: which one was taken is said, and how to take another.
            print(
                f"the page names {counted(len(others), 'other feed')} (`reader feed add URL` follows one as well, "
                f"`reader feed remove {shell_word(subscription.url)}` drops this one):"
            )
            for url, name in others:
                print(f"  {untrusted_shown(url)}" + (f"  {shown_title(name)}" if name else ""))
    return 0


def _near_twins_said(url: str) -> list[str]:
    """A warning for each subscription whose address differs from the one just added only by a
    trailing "/" or its path's letter case: likely one feed twice, its articles fetched twice."""
    from reader.fetch.subscriptions import load_subscriptions, near_twins

    try:
        twins = near_twins(url, load_subscriptions().feeds)
    except Exception:  # (feeds.yaml was just written; a warning is not worth a failure)
        return []
    return [
        f"{twin} is subscribed too, differing only by a trailing / or letter case; if it is the same feed, "
        f"unsubscribe one with: reader feed remove {shell_word(twin)}"
        for twin in twins
    ]


def _followed_already(subscription, args, others: list[tuple[str, str | None]], warnings: list[str]) -> int:
    """`feed add` of a feed followed already (however its URL is spelled): what was asked for is
    there, so it is said and the exit status is 0, as `mkdir -p` and `git add` of a file staged
    already do (a script adding its feeds each time failed, and --json printed nothing). Not when
    --outlet asks for another outlet than the subscription has: that is not done (1)."""
    from reader.fetch.run import utc_time
    from reader.fetch.subscriptions import feeds_path, subscription_label

    row = _listed_feeds().get(subscription.url) or {}  # (feeds.yaml and the state read once)
    listed = _with_listed_outlet(subscription.to_dict(), {subscription.url: row["outlet"]} if row else {})
    gone_since = row.get("gone_since")  # adding it again was the way back once: said
    for warning in warnings:
        print_error(f"warning: {warning}")
    if args.json:
        others_listed = [{"url": url, "title": title} for url, title in others]
        emit_json(
            {
                **listed,
                "already": True,
                "gone_since": utc_time(gone_since),
                "other_feeds": others_listed,
                "warnings": warnings,
            }
        )
    if args.outlet is not None and subscription_label(args.outlet) not in (subscription.outlet, listed["outlet"]):
        raise CommandError(
            f"already subscribed: {untrusted_shown(subscription.url)}, under the outlet "
            f"{clean(outlet_shown(listed['outlet']))}; --outlet does not change it: edit its outlet in "
            f"{untrusted_shown(str(feeds_path()))}"
        )
    if not args.json:
        print(f"already subscribed to {untrusted_shown(subscription.url)} (nothing changed)")
        if gone_since is not None:
            print(
                "it answered 410 Gone (removed for good) and is not asked any more; "
                f"`reader fetch {shell_word(subscription.url)}` asks it again"
            )
    return 0


def run_remove(args) -> int:
    FeedsFileError, _busy, _failed = _errors()
    library = _subscriptions()
    # A fetch that is running is waited for (READER_LOCK_WAIT): said, as the index's lock wait is.
    progress = ProgressLine("feed remove")
    listed = _listed_outlets() if args.json else {}  # named before its fetch state is forgotten
    busy: list[str] = []  # a fetch still running: it fetches the feed to its end
    try:
        subscription = library.remove_feed(args.url, lambda message: progress(0, 0, message), busy)
    except FeedsFileError as exc:  # a broken feeds.yaml, a malformed URL or one not subscribed to: 2
        raise CommandError(str(exc), code=2 if exc.usage else 1) from None
    except OSError as exc:
        raise _not_written(exc, "nothing was removed") from None
    except KeyboardInterrupt as exc:
        return _interrupted(exc, args.url, "removed")
    finally:
        progress.finish()
    if args.json:
        emit_json({**_with_listed_outlet(subscription.to_dict(), listed), "fetch_running": bool(busy)})
    else:
        also = f"; {busy[0]}" if busy else ""
        print(f"unsubscribed from {untrusted_shown(subscription.url)} (its fetched articles stay){also}")
    return 0


def run_import(args) -> int:
    FeedsFileError, FetchBusy, _failed = _errors()
    from reader.library import OpmlError

    from reader.plain_file import MAX_SETTINGS_BYTES

    library = _subscriptions()
    # Bounded by what feeds.yaml may be (its subscriptions take about as many bytes there): a
    # larger list was read, imported for minutes and left a feeds.yaml no later command reads.
    data = input_bytes(
        args.file,
        "the OPML file",
        "reader feed import - < subscriptions.opml",
        read=lambda stream, shown: bounded_read(stream, MAX_SETTINGS_BYTES, shown, "more than feeds.yaml may hold"),
    )
    progress = ProgressLine("feed import")  # said only when it waits for a fetch that is running
    try:
        outcome = library.import_feeds(data, lambda message: progress(0, 0, message))
    except OpmlError as exc:
        shown = "standard input" if args.file == "-" else untrusted_shown(args.file)
        raise CommandError(f"{shown}: {exc}", code=2) from None
    except FeedsFileError as exc:
        raise CommandError(f"{exc} (nothing was imported)", code=2 if exc.usage else 1) from None
    except FetchBusy as exc:  # fetch state left by an earlier removal must go first (as feed add)
        again = reader_command(f"feed import {'-' if args.file == '-' else shell_word(args.file)}")
        raise CommandError(_busy_said(exc, again, " (nothing was imported)"), code=3) from None
    except OSError as exc:
        raise _not_written(exc, "nothing was imported") from None
    finally:
        progress.finish()
    for skipped in outcome["skipped"]:
        url, reason = skipped["url"], skipped["reason"]
        # A bad URL's reason names it ("not an http(s) URL: feed://…", cut at 200): said once.
        print_error(f"skipped: {reason}" if url[:200] in reason else f"skipped {untrusted_shown(url)}: {reason}")
    if args.json:
        listed = _listed_outlets()
        emit_json({**outcome, "added": [_with_listed_outlet(feed, listed) for feed in outcome["added"]]})
        return 0
    for feed in outcome["added"]:
        title = f" ({shown_title(feed['title'])})" if feed["title"] else ""
        print(f"subscribed to {untrusted_shown(feed['url'])}{title}")
    said = [f"{counted(len(outcome['added']), 'feed')} added"]
    if outcome["already"]:
        said.append(f"{len(outcome['already'])} you follow already")
    if outcome["repeated"]:
        said.append(f"{counted(len(outcome['repeated']), 'repeat')} of a feed named before in the file (taken once)")
    if outcome["skipped"]:
        said.append(f"{len(outcome['skipped'])} skipped")
    them = "it" if len(outcome["added"]) == 1 else "them"
    fetch_hint = f"; `reader fetch` fetches {them}" if outcome["added"] else ""
    print(", ".join(said) + fetch_hint)
    return 0


def run_export(args) -> int:
    FeedsFileError, _busy, _failed = _errors()
    problems: list[str] = []  # from the read the document is made of: a second read could differ
    try:
        document = _subscriptions().export_feeds(problems)
    except FeedsFileError as exc:
        raise CommandError(str(exc), code=2) from None
    for problem in problems:  # the entries feeds.yaml skips are not exported: said
        print_error(f"warning: {problem}")
    if not writes_utf8(sys.stdout):
        # The document says encoding="UTF-8": in a Latin-1 locale "é" went out as the byte 0xe9 and
        # "—" as "?", which reader's own import refused. Character references read the same anywhere.
        document = document.encode("ascii", "xmlcharrefreplace").decode("ascii")
    sys.stdout.write(document)
    return 0


def run_list(args) -> int:
    FeedsFileError, _busy, _failed = _errors()
    library = _subscriptions()
    unread_state: list[str] = []
    # The entries feeds.yaml skips, and why (a bad URL): the list alone said "no subscriptions
    # yet" for a file holding some. A damaged fetch state: why every feed is "not fetched yet".
    problems: list[str] = []
    try:
        feeds = library.feeds(unread_state, problems)
    except FeedsFileError as exc:
        raise CommandError(str(exc), code=2) from None
    for problem in unread_state:
        print_error(f"warning: {problem}")
    for problem in problems:
        print_error(f"warning: {problem}")
    if args.json:
        from reader.fetch.run import utc_time

        for feed in feeds:  # moments as ISO 8601 in UTC, as `fetch --json` gives them
            feed["last_fetched"], feed["retry_at"] = utc_time(feed["last_fetched"]), utc_time(feed["retry_at"])
            feed["moved_seen_at"] = utc_time(feed["moved_seen_at"])
            feed["recheck_at"] = utc_time(feed["recheck_at"])  # (null too when due at the next changed text)
            feed["gone_since"] = utc_time(feed["gone_since"])
        emit_json(feeds)
        return 0
    if not feeds:
        if not problems:
            print(
                "reader: no subscriptions yet: subscribe with `reader feed add URL`, "
                "or `reader feed import FILE` with another feed reader's OPML export",
                file=sys.stderr,
            )
        return 0
    from reader.corpus.decode import title_for_terminal
    from reader.fetch.run import feed_outcome

    for feed in feeds:
        # As the app's list of subscriptions shows them (it removed what this line wrote "\u202e"):
        # the outlet, a name to read, as a title (title_for_terminal); how the last fetch went, a
        # server's words, as the failure lines on stderr say them, escapes visible (untrusted_shown).
        outlet, outcome = title_for_terminal(outlet_shown(feed["outlet"])), untrusted_shown(feed_outcome(feed))
        print(
            f"{untrusted_shown(feed['url'])}  {outlet}  {counted(feed['stored'], 'article')}  "
            f"last {fetched_when(feed['last_fetched'])}  {outcome}"
        )
    return 0


def _failed_add_reason(exc) -> str:
    """Why `feed add` refused a URL, with what to do about a 404 in `fetch`'s words: a mistyped
    URL, or a site's old feed address, is the usual cause; a 410 says the server removed the feed
    for good (a site that moved it may name the new one on its page)."""
    from reader.fetch import not_found_hint
    from reader.wording import Command, said

    if exc.status == 410:
        return said(
            f"{exc.reason}: the server says the feed was removed for good; if the site moved it, ",
            Command("reader feed add"),
            " with the site's page finds it",
        )
    return f"{exc.reason}: {not_found_hint()}" if exc.status == 404 else exc.reason


def _index_fetched(library, quiet: bool = False, json_lines: bool = False) -> KeyboardInterrupt | None:
    """Reading commands use the index as it is: index what was just fetched, now, then prepare
    the comparisons of its stories as `reader index` does (unless prepare_comparisons: false).
    What stopped the indexing or the preparation (ctrl+c, or SIGTERM or SIGHUP), else None: the
    fetched articles are stored all the same (and indexed, when the preparation was stopped).
    `quiet` (fetch --quiet): an index another process is updating is not said (the app open
    while cron fetches, which mailed it): the next run that stores articles indexes these too."""
    from reader import config
    from reader.library import IndexBusy, IndexMovedAway

    progress = ProgressLine("indexing", json_lines)
    try:
        library.update(progress=progress)
    except KeyboardInterrupt as exc:  # ctrl+c, SIGTERM or SIGHUP: the fetch's report is still said
        progress.finish()
        print_error(
            f"{interrupted_words(exc)} while indexing the fetched articles; they are stored, and "
            f"`{library.command_line('index')}` indexes them"
        )
        return exc
    except IndexMovedAway as exc:  # not "busy": the folder to update is gone (said even with --quiet)
        print_error(exc)
        return None
    except IndexBusy:
        if quiet:
            return None
        print(
            f"reader: another process is updating the index; `{library.command_line('index')}` adds the fetched "
            "articles when it has finished",
            file=sys.stderr,
        )
        return None
    finally:
        progress.finish()
    user = config.load_user_config()
    problem = config.prepare_comparisons_problem(user)
    if problem and not quiet:  # (--quiet: cron would mail it every run; `reader index` says it)
        print_error(problem)
    if not config.prepare_comparisons(user):
        return None
    preparing = preparing_comparisons(json_lines)
    stop = threading.Event()
    interrupted: KeyboardInterrupt | None = None
    try:
        with ctrl_c_stops(stop):
            prepared = library.prepare_stories(progress=preparing, cancel=stop.is_set)
    except KeyboardInterrupt as exc:  # a second ctrl+c, or SIGTERM or SIGHUP (Stopped)
        interrupted = exc
    finally:
        preparing.finish()
    if interrupted is None and stop.is_set():
        interrupted = KeyboardInterrupt()
    if interrupted is not None:  # SIGTERM said as SIGTERM, and its status, not ctrl+c's 130
        print_error(
            f"{interrupted_words(interrupted)} while preparing the comparisons; the fetched articles are indexed"
        )
        return interrupted
    if prepared.problem is not None:
        print_error(f"warning: comparisons not prepared: {prepared.problem}")
    return None


def run_fetch(args) -> int:
    from reader.library import IndexFailure, IndexLocationError

    try:  # ctrl+c here stops before anything was asked: said so, in --json too
        FeedsFileError, FetchBusy, _failed = _errors()
        progress = ProgressLine("fetching", progress_json(args))
        library = _library_to_fetch_into(args)
    except KeyboardInterrupt as exc:
        return _stopped_before_the_start(args, exc)
    fetching = library.fetch if library is not None else _subscriptions().fetch_only
    interrupted: KeyboardInterrupt | None = None  # the preparation of the comparisons after it
    # The new versions of articles read as an older version; None when not known (not indexed, or
    # the marks file could not be read): --json says null then, not false.
    read_before: set[str] | None = None
    not_indexed: str | None = None  # why the articles fetched could not be indexed
    stop = threading.Event()
    # Till the run has read feeds.yaml and its state and holds the lock, ctrl+c interrupts at once:
    # nothing is asked yet (a read from a hung mount waited for a second ctrl+c)
    started = threading.Event()
    not_started: KeyboardInterrupt | None = None
    try:
        with ctrl_c_stops(stop, termination=True, at_once=lambda: not started.is_set()) as signals:
            report = fetching(
                force=args.all,
                only=args.feeds or None,
                progress=progress,
                cancel=stop.is_set,
                on_started=started.set,
            )
        # Stopped by ctrl+c: what was stored is kept and reported, and indexed by the next run.
        if report.articles and library is not None and library.shows_fetched() and not report.cancelled:
            try:
                interrupted = _index_fetched(library, quiet=args.quiet, json_lines=progress_json(args))
            except (IndexFailure, IndexLocationError, OSError) as exc:  # a full disk: the report is said
                not_indexed = _not_indexed(library, exc)
            else:
                if interrupted is None and (args.json or not args.quiet):
                    read_before = _read_as_an_older_version(library, report.articles)
    except FeedsFileError as exc:  # a broken feeds.yaml, a malformed URL or one not subscribed to: 2
        raise CommandError(str(exc), code=2 if exc.usage else 1) from None
    except FetchBusy as exc:
        if args.quiet:
            stuck = _stuck_for(exc)
            if stuck is None:  # a run under way, as cron starts the next: nothing to mail
                return FETCH_BUSY
            raise CommandError(stuck, code=FETCH_BUSY) from None
        again = library.command_line("fetch") if library is not None else "reader fetch"
        raise CommandError(_busy_said(exc, again), code=FETCH_BUSY) from None
    except OSError as exc:  # the data folder: full, read-only, gone
        raise _fetched_not_written(exc) from None
    except KeyboardInterrupt as exc:
        if started.is_set():  # a second ctrl+c, or one while it indexes
            raise
        not_started = exc
    finally:
        progress.finish()
        if library is not None:
            library.close()
    if not_started is not None:
        return _stopped_before_the_start(args, not_started)
    if report.cancelled and not report.started:  # stopped while it started: nothing asked
        return _stopped_before_the_start(args, Stopped(signals[0]) if signals else KeyboardInterrupt(), report)
    for problem in report.problems:
        print_error(problem)
    for warning in [] if args.quiet else report.warnings:  # (read all the same: no news for cron)
        print_error(f"warning: {warning}")
    nothing = report.nothing_to_fetch()
    # No subscription is no error (cron set up before the first `feed add`: --quiet says nothing,
    # status 0); a feeds.yaml none of whose entries can be read is a broken configuration, as an
    # unreadable one is: said with --quiet too, status 2, with --json or not (it exited 0 there).
    broken = bool(nothing and report.skipped_subscriptions)
    nothing_status = 128 + signals[0] if signals else 130 if report.cancelled else 2 if broken else 0
    if args.json:
        emit_json(_with_updated(report.to_dict(), read_before))
        if nothing:
            if broken:  # the lines for people stay on stderr, as without --json
                print_error(nothing)
            return nothing_status
    else:
        if nothing:
            # Not "0 new in 0.0 s" then "no subscriptions yet" for a feeds.yaml whose every entry
            # was skipped: why nothing was fetched, and what to do (as the app says it).
            if broken or not args.quiet:
                print_error(nothing)
            return nothing_status
        colour = use_colour()
        for article in [] if args.quiet else report.articles:
            label = "new" if article.version == 1 else f"v{article.version}"
            said = UPDATED_SINCE_READ if read_before and article.id in read_before else ""
            print(
                f"{label:4} {shown_title(outlet_shown(article.listed_outlet))}: {shown_title(article.title) if article.title else untrusted_shown(article.url)}  {clean(article.id)}{said}"
            )
        # The time goes with the counts: at the end it read as part of a failure's last words
        # ("unsubscribe with: reader feed remove URL in 17.2 s"). It quotes URLs and reasons: shown
        # as the failure lines on stderr show them (untrusted_shown), escapes visible.
        counts, sep, rest = untrusted_shown(report.summary(listed_hint=_said_below(report, args))).partition("; ")
        summary = f"{counts} in {report.seconds:.1f} s{sep}{rest}"
        if not args.quiet:
            print(f"\x1b[1m{summary}\x1b[0m" if colour else summary)
    # Errors: one line each on stderr, as the README says; with --json too (as `feed add --json`
    # says its failure), so that a cron job's exit status 1 comes with its reasons in its mail.
    said_failures = _failures_said(report, args)
    for line in _failure_lines(said_failures, feed_lines=_feed_lines(args)):
        print_error(line)
    if any(failure.brief and failure.brief != failure.reason for failure in said_failures):
        print_error(FAILURES_IN_FULL)
    if args.verbose and not args.quiet:  # why the run stood still on a site (the progress line said it as it did)
        for hold in report.host_holds:
            print_error(hold.said())
    if report.not_written:  # the articles before it are stored: said after them, not in their place
        print_error(untrusted_shown(report.write_problem or ""))
    if report.state_problem:  # the articles are stored: said after the summary, not in its place
        print_error(untrusted_shown(report.state_problem or ""))
    if not_indexed:
        print_error(not_indexed)
    if signals:  # SIGTERM, SIGHUP: as cli.main says it of the other commands
        print_error(interrupted_words(Stopped(signals[0])))
        return interrupted_status(Stopped(signals[0]))
    if report.cancelled:
        print("reader: interrupted", file=sys.stderr)
        return 130
    if interrupted is not None:
        return interrupted_status(interrupted)
    return FETCH_FAILED if report.counted_failures or report.state_not_saved or report.not_written or not_indexed else 0


def _failures_said(report, args) -> list:
    """The failures said on stderr. --quiet says what went wrong and no more (curl -sS, cron): the
    failures of the run (its exit status 1; a page or feed asked again on the next run is no news
    for cron), and each feed named on the command line that failed or was not asked, for the
    fetch of it the user asked for was not done (`reader fetch -q URL` of a feed whose server
    asked to wait said nothing). The exit status is the same whatever is said."""
    if not args.quiet:
        return report.failures
    return [failure for failure in report.failures if failure.counted or (args.feeds and failure.feed is None)]


# Said after failure lines said briefly (Failure.brief): where each is said with what to do.
FAILURES_IN_FULL = (
    "each failure in full, with what to do: reader feed list (or --json's `error`; in the app, Enter on the feed in "
    "its list of subscriptions)"
)


# The lines of one feed's pages that failed alike said each, the rest counted in one line: a feed
# of 10,000 entries linking to a host that refused a connection gave 200 lines of the same words
# ("not asked URL (an entry of FEED): HOST refused a connection…"). Pages not asked alike are
# counted across the run's feeds: 30 sections of a site on that host gave 30 x 3 lines of them.
PAGE_LINES_ALIKE = 3

# The feeds that failed or were not asked said each by a plain `reader fetch`, the rest counted in
# one line (--verbose says them all): 50 subscriptions behind one dead proxy were 50 lines.
FEED_LINES_SHOWN = 5


def _feed_lines(args) -> int | None:
    """How many feeds failed or not asked `reader fetch` says on stderr, None: each."""
    return None if args.quiet or args.json or args.verbose else FEED_LINES_SHOWN


def _said_below(report, args):
    """The summary's word on where its feeds failed (or not asked) are said: "each said below", or
    how many when stderr says the first FEED_LINES_SHOWN alone ("8 feeds failed (each said below)"
    was followed by 5 of them)."""
    limit = _feed_lines(args)
    feeds_said = [failure.url for failure in report.failures if not failure.feed][:limit]

    def said_below(feeds) -> str:
        said = sum(feed.url in feeds_said for feed in feeds)
        return "each said below" if said == len(feeds) else f"{said} said below, --verbose says each"

    return said_below


def _failure_lines(failures, feed_lines: int | None = None) -> list[str]:
    """One line a failure ("failed URL: REASON", "not asked URL: …", "skipped URL: …"), but past
    PAGE_LINES_ALIKE pages with one reason (of one feed, or of any when not asked), one line that
    counts the rest; and past `feed_lines` feeds (None: no limit), one line that counts them."""
    from reader.fetch.run import NOT_ASKED_KINDS

    lines: list[str] = []
    feeds_said = feeds_more = 0
    alike: dict[tuple[str | None, str, str], int] = {}
    feeds_of: dict[tuple[str | None, str, str], set[str]] = defaultdict(set)
    for failure in failures:
        if failure.kind == "private_network":  # not asked at all: "failed URL: skipped: …" said it twice
            said, reason = "skipped", failure.reason.removeprefix("skipped: ")
        elif failure.reason.startswith("not asked: ") or (failure.feed and failure.kind in NOT_ASKED_KINDS):
            # No request was made ("failed URL: not asked: …"), as the summary's count says
            said, reason = "not asked", failure.reason.removeprefix("not asked: ")
        else:
            said, reason = "failed", failure.said_briefly
        if failure.feed:
            key = (None if said == "not asked" else failure.feed, said, reason)
            seen = alike[key] = alike.get(key, 0) + 1
            if seen > PAGE_LINES_ALIKE:
                feeds_of[key].add(failure.feed)
                continue
        elif feed_lines is not None:
            if feeds_said >= feed_lines:
                feeds_more += 1
                continue
            feeds_said += 1
        lines.append(f"{said} {failure.named}: {reason}")
    if feeds_more:
        lines.append(
            f"and {counted(feeds_more, 'more feed')} failed or not asked (reader fetch --verbose says each; "
            "reader feed list says each feed's last failure)"
        )
    for key, seen in alike.items():
        if seen > PAGE_LINES_ALIKE:
            feeds = feeds_of[key]
            of = next(iter(feeds)) if len(feeds) == 1 else counted(len(feeds), "feed")
            lines.append(f"{key[1]} {counted(seen - PAGE_LINES_ALIKE, 'more page')} of {of}: {key[2]}")
    return lines


def _read_as_an_older_version(library, articles) -> set[str] | None:
    """The new versions fetched whose older version was read and they not yet: the read mark
    follows the page to its newest, "updated since you read it", as `reader list` and the app's
    "Updated upstream" say. None when the marks cannot be read (the fetch is reported as it is)."""
    if not any(article.version > 1 for article in articles):
        return set()
    try:
        marks = library.shown_marks()
    except OSError:  # a damaged or busy marks file: `reader list` says why
        return None
    return {
        article.id for article in articles if article.version > 1 and (mark := marks.get(article.id)) and mark.updated
    }


def _with_updated(report: dict, read_before: set[str] | None) -> dict:
    """fetch --json's report, each article with `updated` as `list --json` gives it: true when you
    read an older version of it (the line's "(updated since you read it)"), null when that is not
    known (the articles were not indexed, or the marks file could not be read)."""
    for record in report["articles"]:
        record["updated"] = None if read_before is None else record["id"] in read_before
    return report


def _stopped_before_the_start(args, exc: KeyboardInterrupt, report=None) -> int:
    """ctrl+c (or SIGTERM) while `reader fetch` started, before any feed was asked: one line
    saying what was and was not done ("reader: interrupted" alone told neither), and with --json
    the run's report (`"started": false`), valid JSON where there was none."""
    from reader.fetch.run import FetchReport

    report = report or FetchReport(cancelled=True, started=False)
    if args.json:
        emit_json(report.to_dict())
    print_error(f"{interrupted_words(exc)} before the fetch started: no feed was asked, the fetch state is unchanged")
    return interrupted_status(exc)


def _not_indexed(library, exc: Exception) -> str:
    """The line saying why the articles just fetched could not be indexed (a full disk, a
    read-only index folder): it replaced the fetch's whole report, though they were stored."""
    from reader.safe_write import why_not_written

    if isinstance(exc, OSError):
        why = f"{untrusted_shown(str(library.index_dir))}: {why_not_written(library.index_dir, exc)}"
    else:
        why = untrusted_shown(str(exc))
    return (
        f"cannot index the fetched articles: {why}; they are stored, and `{library.command_line('index')}` indexes them"
    )


def _library_to_fetch_into(args):
    """The Library `fetch` indexes what it stores with, or None when a corpus folder is missing
    (moved, unmounted): fetching reads no corpus, so it goes on, with one warning, and stores into
    the data folder as usual; the articles are indexed once the corpus can be read again."""
    from reader import config

    try:
        return open_library(args)
    except CommandError:
        problem = config.missing_corpus_folder(args.corpus)
        if problem is None:
            raise
    fetched = untrusted_shown(str(config.fetched_corpus_dir()))
    print_error(f"warning: {problem}; fetching into {fetched} all the same, not indexed until the corpus is found")
    return None


def _busy_said(busy, again: str, nothing_done: str = "") -> str:
    """FetchBusy's words, and after a wait of READER_LOCK_WAIT that ran out, how to wait longer,
    as the index's lock says it (busy_advice). `reader fetch` meeting a running fetch waits for
    none (a second run would only ask the same pages): no wait to lengthen is suggested then."""
    said = f"{busy}{nothing_done}"
    return busy_advice(said, again) if busy.waited else said


def _stuck_for(busy, now: float | None = None) -> str | None:
    """What `fetch --quiet` says of the run holding the fetch lock when it has held it for
    FETCH_STUCK_AFTER or more (a run that may be stuck: how long, and how to end it); None for a
    shorter one, or one that noted no time (said by no one: cron would mail each overlap)."""
    import time

    since = busy.since
    held = (time.time() if now is None else now) - since if since is not None else None
    if held is None or held < FETCH_STUCK_AFTER:
        return None
    hours, minutes = divmod(int(held) // 60, 60)
    who = f"another reader fetch (pid {busy.pid})" if busy.pid else "another reader fetch"
    end = f"`kill {busy.pid}` ends it" if busy.pid else "end it"
    return (
        f"{who} has been running for {hours} h {minutes:02d} min: it may be stuck ({end}); "
        "no fetch runs until it has finished"
    )


def _fetched_not_written(exc: OSError) -> CommandError:
    """The data folder could not be written: the file and why in words, as `_not_written` says
    it ("[Errno 30] Read-only file system: '…/fetch.lock'" was Python's repr of the error)."""
    from pathlib import Path

    from reader import config
    from reader.safe_write import why_not_written

    path = Path(exc.filename) if isinstance(exc.filename, str) else config.data_dir()
    return CommandError(
        f"cannot write the fetched articles: {untrusted_shown(str(path))}: {why_not_written(path, exc)}"
    )


def _not_written(exc: OSError, outcome: str) -> CommandError:
    """feeds.yaml (or the file the error names) could not be written: which file, why in words
    ("[Errno 13] Permission denied: '…/.feeds.yaml.tmp-…'" named a temporary file), and that
    nothing changed."""
    from pathlib import Path

    from reader.fetch import feeds_path
    from reader.safe_write import why_not_written

    path = feeds_path()
    named = Path(exc.filename) if isinstance(exc.filename, str) else None
    if named is not None and named.parent != path.parent:
        path = named  # not feeds.yaml: the fetch state in the data folder, say
    return CommandError(f"cannot write {path}: {why_not_written(path, exc)}; {outcome}")


def _interrupted(exc: KeyboardInterrupt, url: str, done: str) -> int:
    """`feed add` or `feed remove` stopped (ctrl+c, SIGTERM): whether feeds.yaml changed, read
    back from it ("reader: interrupted" left one to run `feed list` to know), and the status."""
    how = interrupted_words(exc)
    try:
        from reader.fetch import load_subscriptions
        from reader.fetch.urls import feed_key

        subscribed = any(feed_key(feed.url) == feed_key(url) for feed in load_subscriptions().feeds)
        changed = subscribed if done == "added" else not subscribed
        said = f"{url} was {done}" if changed else f"nothing was {done}"
    except Exception:  # feeds.yaml unreadable now: say only what is known
        said = "feeds.yaml may have changed; see `reader feed list`"
    print_error(f"{how}; {said}")
    return interrupted_status(exc)


class _Ticking:
    """`feed add`'s steps on its progress line, the one under way said again each second with
    the seconds it has taken ("fetching URL (14 s)"): a server slow to answer showed the same
    words for a minute, as if reader hung. Drawn from one thread at a time."""

    SHOWN_AFTER = 2.0

    def __init__(self, progress: ProgressLine) -> None:
        self._progress = progress
        self._lock = threading.Lock()
        self._step, self._since = "", 0.0
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        if progress.enabled:
            self._thread = threading.Thread(target=self._tick, name="feed-add-ticker", daemon=True)
            self._thread.start()

    def __call__(self, step: str) -> None:
        import time

        with self._lock:
            self._step, self._since = step, time.monotonic()
            self._progress(0, 0, step)

    def _tick(self) -> None:
        import time

        while not self._stopped.wait(1.0):
            with self._lock:
                seconds = time.monotonic() - self._since
                if self._step and seconds >= self.SHOWN_AFTER and not self._stopped.is_set():
                    self._progress(0, 0, f"{self._step} ({seconds:.0f} s)")

    def stop(self) -> None:
        """No more ticks: a tick under way has drawn before the line is cleared."""
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
