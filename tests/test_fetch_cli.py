"""`reader feed add|list|remove` and `reader fetch` (main() in this process, as the command line
runs it; the signal tests in a subprocess), against a server on 127.0.0.1;
and the end-to-end run: two outlets' feeds land, get indexed, group into one story, and open side
by side in `compare`."""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
import sys
import time

import json

import pytest
import yaml

from conftest import SEEDS, cli_env
from http_fixture import FAST_SETTINGS, Reply, page, rss
from reader import config
from reader.wording import local_time


def python_in_a_subprocess(args: list[str], cwd) -> subprocess.Popen:
    """`python ARGS` (this checkout's reader, the tests' environment), its output captured as text."""
    return subprocess.Popen(
        [sys.executable, *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=cwd,
    )


def killed_outright(proc: subprocess.Popen, release) -> None:
    """kill -9 of a run in a subprocess, then its held replies let go (`release`) and its pipes read."""
    import signal

    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.communicate()


def fetch_in_a_subprocess_until_it_asks(server, path: str, cwd) -> subprocess.Popen:
    """`python -m reader fetch` in a subprocess (this checkout), once it has asked the server for
    `path` and is still running (waiting for it): the moment a signal tests want."""
    proc = python_in_a_subprocess(["-m", "reader", "fetch"], cwd)
    deadline = time.monotonic() + 60
    while server.hits(path) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if server.hits(path) != 1 or proc.poll() is not None:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"reader fetch did not wait on {path}: exit {proc.returncode}\n{err}")
    return proc


@pytest.fixture
def fast_feeds_file(isolated_dirs):
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text("# my subscriptions\n" + FAST_SETTINGS, encoding="utf-8")
    return path


def seed_pages():
    """The two seed articles (Fox News, The Moscow Times) as (outlet, title, paragraphs, date)."""
    from reader.corpus import load_corpus

    out = []
    for article in load_corpus([SEEDS]).articles:
        paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
        out.append((article.outlet, article.title, paragraphs, article.date))
    return out


def test_feed_add_finds_the_feed_a_page_names_and_list_and_remove(server, reader_in_process, fast_feeds_file):
    server.route(
        "/",
        Reply(
            '<html><head><title>Home</title><link rel="alternate" type="application/rss+xml" '
            'title="RSS" href="/rss.xml"></head><body>home</body></html>'
        ),
    )
    server.route(
        "/rss.xml",
        Reply(
            rss("Example World News", [{"title": "x", "link": server.url("/a")}]), content_type="application/rss+xml"
        ),
    )

    added = json.loads(reader_in_process("feed", "add", server.url("/"), "--outlet", "Example", "--json").stdout)

    assert added["url"] == server.url("/rss.xml") and added["title"] == "Example World News"
    text = fast_feeds_file.read_text(encoding="utf-8")
    assert text.startswith("# my subscriptions\n") and "host_delay: 0" in text  # comments and settings kept
    listed = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert [(f["url"], f["outlet"], f["status"]) for f in listed] == [(server.url("/rss.xml"), "Example", None)]
    again = reader_in_process("feed", "add", server.url("/rss.xml"), check=False)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout == f"already subscribed to {server.url('/rss.xml')} (nothing changed)\n"
    reader_in_process("feed", "remove", server.url("/rss.xml"))
    assert json.loads(reader_in_process("feed", "list", "--json").stdout) == []
    gone = reader_in_process("feed", "remove", server.url("/rss.xml"), check=False)
    assert gone.returncode == 2 and "not subscribed" in gone.stderr


def test_feed_add_of_a_feed_followed_already_is_done_and_says_so(server, reader_in_process, fast_feeds_file):
    """An idempotent add: a script adding its feeds each time failed (1) and `--json` printed
    nothing. Now 0 with the subscription and "already": true, found before anything is fetched
    however the URL is spelled; 1 only when --outlet asks for an outlet it does not have."""
    server.route(
        "/caf%C3%A9/rss.xml",
        Reply(rss("Example News", [{"title": "x", "link": server.url("/a")}]), content_type="application/rss+xml"),
    )
    url = server.url("/caf%C3%A9/rss.xml")
    added = json.loads(reader_in_process("feed", "add", url, "--outlet", "Example", "--json").stdout)
    assert (added["already"], added["gone_since"]) == (False, None)
    hits = server.hits("/caf%C3%A9/rss.xml")
    assert hits >= 1

    other_spelling = url.replace("%C3%A9", "%c3%a9")
    again = reader_in_process("feed", "add", other_spelling, "--json", check=False)
    assert (again.returncode, again.stderr) == (0, "")
    said = json.loads(again.stdout)
    assert (said["url"], said["outlet"], said["already"], said["gone_since"]) == (url, "Example", True, None)
    same_outlet = reader_in_process("feed", "add", url, "--outlet", "Example", check=False)
    assert same_outlet.returncode == 0 and "already subscribed to" in same_outlet.stdout
    assert server.hits("/caf%C3%A9/rss.xml") == hits  # nothing fetched for a feed followed already

    other_outlet = reader_in_process("feed", "add", url, "--outlet", "Another", "--json", check=False)
    assert other_outlet.returncode == 1 and json.loads(other_outlet.stdout)["outlet"] == "Example"
    assert other_outlet.stderr.startswith(f"reader: already subscribed: {url}, under the outlet Example; --outlet")
    assert [f["outlet"] for f in json.loads(reader_in_process("feed", "list", "--json").stdout)] == ["Example"]


def test_feed_add_of_a_page_naming_several_feeds_takes_the_sites_own_and_names_the_others(
    server, reader_in_process, fast_feeds_file
):
    """A WordPress page names its "Comments Feed" beside (here: before) its articles' feed: `feed
    add` took the first, a feed of comments, and never said the page named others."""
    links = [
        ("Example &raquo; Comments Feed", "/comments/feed/"),
        ("Example &raquo; Feed", "/feed/"),
        ("Example &raquo; Podcast [b]x[/b]", "/podcast.xml"),
    ]
    head = "".join(f'<link rel="alternate" type="application/rss+xml" title="{t}" href="{h}">' for t, h in links)
    server.route("/", Reply(f"<html><head>{head}</head><body>home</body></html>"))
    for title, path in (("Comments", "/comments/feed/"), ("Example", "/feed/"), ("Podcast", "/podcast.xml")):
        server.route(
            path, Reply(rss(title, [{"title": "x", "link": server.url("/a")}]), content_type="application/rss+xml")
        )

    added = json.loads(reader_in_process("feed", "add", server.url("/"), "--json").stdout)

    assert (added["url"], added["title"]) == (server.url("/feed/"), "Example")
    assert added["other_feeds"] == [
        {"url": server.url("/podcast.xml"), "title": "Example » Podcast [b]x[/b]"},
        {"url": server.url("/comments/feed/"), "title": "Example » Comments Feed"},
    ]
    reader_in_process("feed", "remove", server.url("/feed/"))
    out = reader_in_process("feed", "add", server.url("/")).stdout.splitlines()
    assert out[0] == f"subscribed to {server.url('/feed/')} (Example)"
    assert out[1].startswith("the page names 2 other feeds (`reader feed add URL` follows one as well")
    assert out[2:] == [
        f"  {server.url('/podcast.xml')}  Example » Podcast [b]x[/b]",
        f"  {server.url('/comments/feed/')}  Example » Comments Feed",
    ]
    # A feed URL given as it is names no others.
    reader_in_process("feed", "remove", server.url("/feed/"))
    assert json.loads(reader_in_process("feed", "add", server.url("/feed/"), "--json").stdout)["other_feeds"] == []


def test_feed_add_and_import_json_give_the_outlet_feed_list_gives(server, reader_in_process, fast_feeds_file):
    """`feed add --json` said `"outlet": null` of a feed added without --outlet, and `feed import
    --json` of one whose outline has no text of its own, where `feed list --json` (and `fetch
    --json`) named the outlet its articles are stored under: one key, one meaning."""
    server.route(
        "/rss.xml",
        Reply(
            rss("Example World News", [{"title": "x", "link": server.url("/a")}]), content_type="application/rss+xml"
        ),
    )

    def listed_outlets() -> dict:
        return {feed["url"]: feed["outlet"] for feed in json.loads(reader_in_process("feed", "list", "--json").stdout)}

    added = json.loads(reader_in_process("feed", "add", server.url("/rss.xml"), "--json").stdout)
    assert added["outlet"] == listed_outlets()[added["url"]] == "Example World News"
    # Another feed of the host, imported: the two are one site's sections, under one outlet.
    opml = f'<opml version="2.0"><body><outline type="rss" xmlUrl="{server.url("/other.xml")}" title="Other"/></body></opml>'
    opml_file = fast_feeds_file.parent / "subscriptions.opml"
    opml_file.write_text(opml, encoding="utf-8")
    [imported] = json.loads(reader_in_process("feed", "import", str(opml_file), "--json").stdout)["added"]
    assert imported["outlet"] is not None and imported["outlet"] == listed_outlets()[server.url("/other.xml")]
    outlet = listed_outlets()[server.url("/rss.xml")]
    removed = json.loads(reader_in_process("feed", "remove", server.url("/rss.xml"), "--json").stdout)
    assert removed["outlet"] == outlet is not None


def test_feed_add_names_the_outlet_its_pages_give_their_site_as_fetch_stores_them(
    server, reader_in_process, fast_feeds_file
):
    """`feed add --json` and `feed list` named a section's feed by its title, "Fox News -
    Politics", where its articles were stored under the name its pages give their site, "Fox
    News": the outlet promised to be the one the articles are stored under was not."""
    paragraphs = [f"Paragraph {n} of the senate story, long enough for the extractor to keep it." for n in range(6)]
    server.route("/politics/1", Reply(page("Senate vote delayed", paragraphs, site="Fox News")))
    item = {
        "title": "Senate vote delayed",
        "link": server.url("/politics/1"),
        "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT",
    }
    server.route("/politics.xml", Reply(rss("Fox News - Politics", [item]), content_type="application/rss+xml"))

    added = json.loads(reader_in_process("feed", "add", server.url("/politics.xml"), "--json").stdout)
    assert added["outlet"] == "Fox News"
    [listed] = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert listed["outlet"] == "Fox News"
    fetched = json.loads(reader_in_process("fetch", "--json").stdout)
    assert [article["outlet"] for article in fetched["articles"]] == ["Fox News"]
    # an outlet given is the outlet: no page is asked for its site's name
    hits = server.hits("/politics/1")
    reader_in_process("feed", "remove", server.url("/politics.xml"))
    added = json.loads(
        reader_in_process("feed", "add", server.url("/politics.xml"), "--outlet", "Fox", "--json").stdout
    )
    assert (added["outlet"], server.hits("/politics/1")) == ("Fox", hits)


def test_every_is_a_float_of_seconds_whether_set_or_the_default(reader_in_process, fast_feeds_file):
    """`every` was 900 (an int) for a feed left at the default and 1800.0 for `every: 30m`: one
    type for one key, whichever feed a script reads first."""
    reader_in_process("feed", "add", "https://a.example/rss", "--no-check")
    text = fast_feeds_file.read_text(encoding="utf-8")
    fast_feeds_file.write_text(text + "  - url: https://b.example/rss\n    every: 30m\n", encoding="utf-8")
    listed = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert [(feed["url"], feed["every"]) for feed in listed] == [
        ("https://a.example/rss", 900.0),
        ("https://b.example/rss", 1800.0),
    ]
    assert all(type(feed["every"]) is float for feed in listed)


def test_a_data_folder_that_cannot_be_written_is_said_in_words(
    reader_in_process, fast_feeds_file, monkeypatch, tmp_path
):
    """`reader fetch` into a data folder it cannot write said Python's repr of the error
    ("[Errno 30] Read-only file system: '…/fetch.lock'"): now the path and why, in words. A data
    folder under a file is a setting to mend, as for every command: exit 2 before fetching."""
    reader_in_process("feed", "add", "https://a.example/rss", "--no-check")
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "a-file" / "data"))
    for json_flag in ([], ["--json"]):
        done = reader_in_process("fetch", *json_flag, check=False)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr == (
            f"reader: READER_DATA_DIR {tmp_path / 'a-file' / 'data'}: {tmp_path / 'a-file'} is a file, not a folder; "
            "reader keeps its read marks and fetched articles in a folder there: move the file away, or set "
            "READER_DATA_DIR to a folder\n"
        )


def test_a_full_disk_under_the_data_folder_is_said_and_the_next_fetch_gets_the_article(
    server, reader_in_process, fast_feeds_file, monkeypatch, tmp_path
):
    """The disk full when the fetch state is synced: the error names no file, and the line said
    "<data folder>: a folder is where the file should be". Now the file and "the disk is full";
    nothing is half written, and the next fetch, the disk freed, stores the article (in the same
    process, as the app's next fetch: the failed save kept the fetch lock, and every later fetch
    of the window said "another reader fetch (pid <its own>) is running")."""
    import errno

    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply(page(title, paragraphs)))
    server.route("/rss.xml", Reply(rss("Feed", [{"title": title, "link": server.url("/news/1")}])))
    reader_in_process("feed", "add", server.url("/rss.xml"))
    data = tmp_path / "data"
    real_fsync = os.fsync

    def disk_full_in_the_data_folder(descriptor: int) -> None:
        if os.readlink(f"/proc/self/fd/{descriptor}").startswith(str(data)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", disk_full_in_the_data_folder)
    done = reader_in_process("fetch", check=False)
    assert done.returncode == 1
    assert re.fullmatch(
        rf"reader: cannot write the fetched articles: {re.escape(str(data))}/[\w./-]+: the disk is full; "
        r"the fetch stopped there: [^\n]+\n",
        done.stderr,
    ), done.stderr
    assert not [p for p in data.rglob("*") if p.name.endswith(".tmp")], "no temp file left"
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert "1 new" in reader_in_process("fetch").stdout


def test_feed_add_of_a_page_without_a_feed_is_one_clear_line(server, reader_in_process, fast_feeds_file):
    server.route("/plain", Reply("<html><body>no feed here</body></html>"))
    result = reader_in_process("feed", "add", server.url("/plain"), check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and 'no <link rel="alternate">' in result.stderr
    assert "--no-check" in result.stderr


def test_feed_add_of_a_404_says_what_to_do_as_fetch_does(server, reader_in_process, fast_feeds_file):
    """`feed add` of a URL that answers 404 said "HTTP 404 Not Found" alone: it says what `fetch`
    says of a 404 feed (check the URL; the site's page finds its feed), in the same words."""
    from reader.fetch import not_found_hint

    server.route("/old.xml", Reply("not here", status=404))
    result = reader_in_process("feed", "add", server.url("/old.xml"), check=False)
    assert result.returncode == 1
    assert result.stderr == (
        f"reader: cannot add {server.url('/old.xml')}: HTTP 404 Not Found: {not_found_hint()} (--no-check adds it anyway)\n"
    )
    assert "`reader feed add` with the site's page finds it" in not_found_hint()


def test_first_feed_add_writes_the_commented_example(reader_in_process):
    from reader.fetch.subscriptions import EXAMPLE

    reader_in_process("feed", "add", "https://news.example.org/rss", "--no-check")
    import os

    path = os.path.join(os.environ["READER_CONFIG_DIR"], "feeds.yaml")
    text = open(path, encoding="utf-8").read()
    assert text.startswith(EXAMPLE.read_text(encoding="utf-8"))
    assert yaml.safe_load(text)["feeds"] == [{"url": "https://news.example.org/rss"}]


@pytest.mark.parametrize("corpus_option", [False, True])
def test_feed_commands_work_while_the_corpus_folder_is_missing(
    reader_in_process, isolated_dirs, tmp_path, corpus_option
):
    """Subscriptions live in the config and data folders: a corpus in config.yaml that was moved
    or unmounted (or a missing --corpus) stopped `feed add/list/remove` with exit status 2."""
    missing = tmp_path / "moved-away"
    (isolated_dirs["config"] / "config.yaml").write_text(f"corpus: {missing}\n", encoding="utf-8")
    before = ["--corpus", str(missing)] if corpus_option else []

    reader_in_process(*before, "feed", "add", "https://news.example.org/rss", "--no-check")
    listed = json.loads(reader_in_process(*before, "feed", "list", "--json").stdout)
    removed = json.loads(reader_in_process(*before, "feed", "remove", "https://news.example.org/rss", "--json").stdout)

    assert [feed["url"] for feed in listed] == ["https://news.example.org/rss"]
    assert removed["url"] == "https://news.example.org/rss"
    # A command that reads the corpus still says it is missing.
    assert reader_in_process(*before, "list", check=False).returncode == 2


@pytest.mark.parametrize("corpus_option", [False, True])
def test_fetch_stores_articles_while_the_corpus_folder_is_missing(
    server, reader_in_process, fast_feeds_file, isolated_dirs, tmp_path, corpus_option
):
    """A corpus folder moved or unmounted stopped `reader fetch` (exit 2), which reads no corpus:
    a cron job stopped fetching. It fetches into the data folder with one warning line; the
    articles are indexed once the corpus is found again."""
    from reader import config

    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply(page(title, paragraphs)))
    item = {"title": title, "link": server.url("/news/1")}
    server.route("/rss.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    reader_in_process("feed", "add", server.url("/rss.xml"))
    missing = tmp_path / "moved-away"
    (isolated_dirs["config"] / "config.yaml").write_text(f"corpus: {missing}\n", encoding="utf-8")
    before = ["--corpus", str(missing)] if corpus_option else []

    result = reader_in_process(*before, "fetch", "--json", check=False)

    assert result.returncode == 0, result.stderr
    assert [a["title"] for a in json.loads(result.stdout)["articles"]] == [title]
    assert len(list(config.fetched_corpus_dir().rglob("*.md"))) == 1
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("reader: warning: ") and "not found" in warning and str(missing) in warning
    assert warning.endswith("all the same, not indexed until the corpus is found")
    # A command that reads the corpus still says it is missing.
    assert reader_in_process(*before, "list", check=False).returncode == 2


def test_fetch_still_refuses_a_config_it_cannot_read(reader_in_process, fast_feeds_file, isolated_dirs):
    (isolated_dirs["config"] / "config.yaml").write_text("corpus: [unclosed\n", encoding="utf-8")

    assert reader_in_process("fetch", check=False).returncode == 2


def subscribed_to_one_seed_page(server, reader_in_process) -> None:
    """A feed (/rss.xml) of one entry, the first seed article's page (/news/1), subscribed to."""
    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply(page(title, paragraphs)))
    server.route(
        "/rss.xml",
        Reply(rss("Feed", [{"title": title, "link": server.url("/news/1")}]), content_type="application/rss+xml"),
    )
    reader_in_process("feed", "add", server.url("/rss.xml"))


def test_fetch_reports_failures_one_line_each_and_exit_code_1(server, reader_in_process, fast_feeds_file):
    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply(page(title, paragraphs)))
    # A link that is no web page, shown as the feed gives it (the feed parser drops the slashes).
    local = {"title": "Local file", "link": "file:///etc/passwd"}
    server.route(
        "/rss.xml",
        Reply(
            rss("Feed", [{"title": title, "link": server.url("/news/1")}, local]), content_type="application/rss+xml"
        ),
    )
    reader_in_process("feed", "add", server.url("/rss.xml"))
    reader_in_process("feed", "add", server.url("/missing.xml"), "--no-check")

    result = reader_in_process("fetch", check=False)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("new  ") and title in lines[0]
    # The summary, on stdout; the time goes with the counts: at the end it read as part of the
    # last failure's words ("unsubscribe with: reader feed remove URL in 17.2 s").
    assert lines[1:] and re.match(r"1 new from 1 outlet in \d+\.\d s; 1 feed failed: ", lines[-1])
    gone = (
        "HTTP 404 Not Found: check the URL; if the site moved its feed, `reader feed add` with the site's page "
        f"finds it; unsubscribe with: reader feed remove {server.url('/missing.xml')}"
    )
    # Said briefly, each failure's advice in full where the last line says (feed list, --json, the app)
    assert lines[-1].endswith(": HTTP 404 Not Found; 1 page not asked")  # a file: link is never asked
    assert "failed" not in "\n".join(lines[1:-1])
    # The failures are errors: one line each on stderr.
    assert sorted(result.stderr.splitlines()) == [
        "reader: each failure in full, with what to do: reader feed list (or --json's `error`; in the app, Enter on "
        "the feed in its list of subscriptions)",
        f"reader: failed {server.url('/missing.xml')}: HTTP 404 Not Found",
        f"reader: not asked file:///etc/passwd (an entry of {server.url('/rss.xml')}): not an http(s) URL (a file: link)",
    ]
    assert json.loads(reader_in_process("fetch", "--json", "--all", check=False).stdout)["failed"][0]["reason"] == gone
    listed = {f["url"]: f for f in json.loads(reader_in_process("feed", "list", "--json").stdout)}
    assert listed[server.url("/missing.xml")]["error"] == gone
    assert listed[server.url("/rss.xml")]["stored"] == 1
    text = reader_in_process("feed", "list").stdout
    # not "1 articles"; the outlet as the feed's pages name their site (its articles' outlet)
    assert f"{server.url('/rss.xml')}  Example News  1 article  last " in text


def test_fetch_quiet_prints_only_what_went_wrong_for_cron(server, reader_in_process, fast_feeds_file):
    """From cron, which mails any output, every run mailed its "new …" lines and its summary
    ("0 new in 0.1 s; no feed is due"), however well it went: --quiet prints nothing then, and
    still each failure on stderr, with the same exit status."""
    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply(page(title, paragraphs)))
    feed = rss("Feed", [{"title": title, "link": server.url("/news/1")}])
    server.route("/rss.xml", Reply(feed, content_type="application/rss+xml"))
    reader_in_process("feed", "add", server.url("/rss.xml"))

    result = reader_in_process("fetch", "--quiet")
    assert (result.stdout, result.stderr) == ("", "")
    assert reader_in_process("fetch", "-q").stdout == ""  # nothing due: nothing said either
    assert [f["stored"] for f in json.loads(reader_in_process("feed", "list", "--json").stdout)] == [1]

    reader_in_process("feed", "add", server.url("/missing.xml"), "--no-check")
    result = reader_in_process("fetch", "--quiet", check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"reader: failed {server.url('/missing.xml')}: HTTP 404 Not Found")
    assert reader_in_process("fetch", "--quiet", "--json", check=False).returncode == 2  # one or the other


def test_a_page_failing_for_now_fails_the_run_only_from_its_third_run_in_a_row(
    server, reader_in_process, fast_feeds_file
):
    """A page answering 503 for a while made every run exit 1, and cron mailed each: it is asked
    again on the next run, so a blip is said (without --quiet) but fails no run until the page has
    failed three runs in a row."""
    from reader.fetch.run import COUNTED_FROM

    outlet, title, paragraphs, date = seed_pages()[0]
    server.route("/news/1", Reply("down", status=503, content_type="text/plain"))
    server.route(
        "/rss.xml",
        Reply(rss("Feed", [{"title": title, "link": server.url("/news/1")}]), content_type="application/rss+xml"),
    )
    reader_in_process("feed", "add", server.url("/rss.xml"), "--no-check")
    state_path = config.data_dir() / "fetch-state.json"

    def run(*flags):
        done = reader_in_process("fetch", *flags, check=False)
        state = json.loads(state_path.read_text(encoding="utf-8"))
        for record in state["retries"].values():  # as if its pause were over
            record["retry_at"] = 0
        state_path.write_text(json.dumps(state), encoding="utf-8")
        return done

    first, second = run("--quiet"), run()
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    assert (
        second.returncode == 0
        and f"failed {server.url('/news/1')} (an entry of {server.url('/rss.xml')}): HTTP 503" in second.stderr
    )
    third = run("--json")
    assert COUNTED_FROM == 3 and third.returncode == 1
    assert [f["counted"] for f in json.loads(third.stdout)["failed"]] == [True]
    fourth = run("-q")
    assert fourth.returncode == 1 and fourth.stderr.startswith(
        f"reader: failed {server.url('/news/1')} (an entry of {server.url('/rss.xml')}): HTTP 503"
    )
    assert server.hits("/news/1") == 4


def test_a_feed_failing_for_now_fails_the_run_only_from_its_third_failure_in_a_row(
    server, reader_in_process, fast_feeds_file
):
    """As a page: a feed answering 503 once made the run exit 1 (cron mailed it); its third failure
    in a row does. A 404 is no blip: it fails the run at once."""
    server.route("/rss.xml", Reply("down", status=503, content_type="text/plain"))
    server.route("/missing.xml", Reply("no", status=404, content_type="text/plain"))
    reader_in_process("feed", "add", server.url("/rss.xml"), "--no-check")
    runs = [reader_in_process("fetch", "--quiet", "--all", check=False) for _ in range(3)]
    assert [(done.returncode, done.stderr) for done in runs[:2]] == [(0, ""), (0, "")]
    assert runs[2].returncode == 1 and runs[2].stderr.startswith(f"reader: failed {server.url('/rss.xml')}: HTTP 503")
    reader_in_process("feed", "remove", server.url("/rss.xml"))
    reader_in_process("feed", "add", server.url("/missing.xml"), "--no-check")
    assert reader_in_process("fetch", "--quiet", check=False).returncode == 1


def test_the_sections_not_asked_of_a_server_that_refuses_each_count_a_failure_and_back_off(
    reader_in_process, fast_feeds_file, monkeypatch
):
    """The feed refused and its site's other feeds, not asked (their host down), each count a
    failure of their own: blips until their third run in a row, then the run fails, and each backs
    off. Those not asked counted none, so their backoff never started: asked on every run while
    the server stayed down (and said at once, the refused feed changing from run to run)."""
    import socket

    for variable in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        origin = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for section in ("world", "sport"):
        reader_in_process("feed", "add", f"{origin}/{section}.xml", "--no-check")
    first = reader_in_process("fetch", "--json", check=False)
    said = json.loads(first.stdout)["failed"]
    assert first.returncode == 0
    assert sorted((f["kind"], f["counted"]) for f in said) == [("deferred", False), ("refused", False)]
    assert reader_in_process("fetch", "--quiet", "--all", check=False).returncode == 0
    quiet = reader_in_process("fetch", "--quiet", "--all", check=False)
    assert quiet.returncode == 1 and quiet.stderr.count("\n") == 2
    # The one not asked said as not asked, not as "failed URL: not asked: …"
    refused = f": {origin[7:]} refused a connection earlier in this run; failed 3 runs in a row, will retry after "
    not_asked = [line for line in quiet.stderr.splitlines() if line.startswith(f"reader: not asked {origin}/")]
    assert len(not_asked) == 1 and refused in not_asked[0]
    listed = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert [(feed["failures"], feed["retry_at"] is not None) for feed in listed] == [(3, True), (3, True)]
    # Both wait for their retry_at: a run without --all asks neither
    later = json.loads(reader_in_process("fetch", "--json", check=False).stdout)
    assert later["failed"] == [] and sorted(f["status"] for f in later["feeds"]) == ["not-due", "not-due"]


def test_a_feeds_pages_not_asked_alike_are_said_three_then_counted(
    server, reader_in_process, fast_feeds_file, monkeypatch
):
    """A feed of many entries on a host that refused a connection gave one line per page, 200 of
    the same words for a big feed: three are said, the rest counted in one line; --json lists them all."""
    import socket

    for variable in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        origin = f"http://127.0.0.1:{probe.getsockname()[1]}"
    items = [{"title": f"Story {n}", "link": f"{origin}/news/{n}"} for n in range(10)]
    server.route("/feed.xml", Reply(rss("Gazette", items), content_type="application/rss+xml"))
    feed = server.url("/feed.xml")
    reader_in_process("feed", "add", feed, "--no-check")

    lines = reader_in_process("fetch", check=False).stderr.splitlines()
    said = json.loads(reader_in_process("fetch", "--all", "--json", check=False).stdout)["failed"]

    refused = f"{origin[7:]} refused a connection earlier in this run"
    not_asked = [line for line in lines if line.startswith("reader: not asked ")]
    assert len(not_asked) == 4, lines
    assert not_asked[:3] == [line for line in not_asked if line.endswith(f" (an entry of {feed}): {refused}")]
    assert not_asked[3] == f"reader: not asked 6 more pages of {feed}: {refused}"
    assert len([line for line in lines if line.startswith("reader: failed ")]) == 1, lines  # the one asked
    assert len(said) == 10


def test_pages_not_asked_alike_are_said_three_in_a_run_whatever_feed_lists_them(
    server, reader_in_process, fast_feeds_file, monkeypatch
):
    """Three sections of a site, their pages on a host that refused a connection: three lines of
    the same words were said for each feed before its count; three are said in the run, then one
    line counts the rest and the feeds that listed them."""
    import socket

    for variable in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        origin = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for section in ("world", "sport", "arts"):
        items = [{"title": f"{section} {n}", "link": f"{origin}/{section}/{n}"} for n in range(4)]
        server.route(f"/{section}.xml", Reply(rss(section, items), content_type="application/rss+xml"))
        reader_in_process("feed", "add", server.url(f"/{section}.xml"), "--no-check")

    lines = reader_in_process("fetch", check=False).stderr.splitlines()

    refused = f"{origin[7:]} refused a connection earlier in this run"
    not_asked = [line for line in lines if line.startswith("reader: not asked ")]
    assert len(not_asked) == 4, lines
    assert all(line.endswith(f": {refused}") for line in not_asked), lines
    # (the first refused page failed; which feeds the 8 more are of is the run's order)
    assert re.fullmatch(rf"reader: not asked 8 more pages of [23] feeds: {re.escape(refused)}", not_asked[3]), lines


def test_a_feed_whose_robots_txt_fails_for_now_fails_the_run_from_the_third_run_in_a_row(
    server, reader_in_process, fast_feeds_file
):
    """A robots.txt answering 503 keeps its site's feeds out for the run, not asked: a blip mailed
    by cron at once, as a feed's own 503 was. Its third run in a row not asked for it is said."""
    from reader.fetch.store import ArticleStore

    server.route("/robots.txt", Reply("busy", status=503, content_type="text/plain"))
    server.route("/rss.xml", Reply(rss("Feed", []), content_type="application/rss+xml"))
    reader_in_process("feed", "add", server.url("/rss.xml"), "--no-check")
    runs = [reader_in_process("fetch", "--quiet", "--all", check=False) for _ in range(3)]
    assert [(done.returncode, done.stderr) for done in runs[:2]] == [(0, ""), (0, "")]
    assert runs[2].returncode == 1 and "could not read the site's robots.txt: HTTP 503" in runs[2].stderr
    server.route("/robots.txt", Reply("", status=404, content_type="text/plain"))
    assert reader_in_process("fetch", "--quiet", "--all").stderr == ""
    assert "not_asked_runs" not in ArticleStore().state["feeds"][server.url("/rss.xml")]  # asked: counted afresh
    assert server.hits("/rss.xml") == 1


def test_a_hosts_retry_after_is_honoured_by_all_and_by_naming_a_feed_and_said_per_feed(
    server, reader_in_process, fast_feeds_file
):
    """One feed's 429 with Retry-After: 3600 leaves its host's every feed till then. `--all` (and a
    feed's URL) asked them all again at once, each only to be refused again: the server's word
    is kept, and each feed is said not asked and why, in text and in --json, counted as no failure
    (exit 0); a run without --all says the wait is the server's, not one --all overrides."""
    server.route(
        "/busy.xml", Reply("slow down", status=429, headers={"Retry-After": "3600"}, content_type="text/plain")
    )
    feed = Reply(rss("Quiet", []), content_type="application/rss+xml")
    server.route("/quiet.xml", feed)
    for path in ("/busy.xml", "/quiet.xml"):
        reader_in_process("feed", "add", server.url(path), "--no-check")
    reader_in_process("fetch", "--quiet", check=False)
    assert (server.hits("/busy.xml"), server.hits("/quiet.xml")) == (1, 0)  # the host left for the hour

    plain = reader_in_process("fetch")
    assert "2 feeds held till " in plain.stdout and " or later by their server's Retry-After" in plain.stdout
    assert "failing feed" not in plain.stdout  # (not the feeds --all tries now)
    forced = reader_in_process("fetch", "--all", "--json")
    said = json.loads(forced.stdout)
    why = "not asked: its server asked to wait till "
    assert [(f["url"], f["kind"], f["counted"]) for f in said["failed"]] == [
        (server.url("/busy.xml"), "deferred", False),
        (server.url("/quiet.xml"), "deferred", False),
    ]
    assert all(f["reason"].startswith(why) and f["reason"].endswith(" (Retry-After)") for f in said["failed"])
    assert all(f["status"] == "failed" and f["retry_at"] for f in said["feeds"])
    assert forced.stderr.splitlines() == [
        f"reader: not asked {server.url(path)}: {f['reason'][len('not asked: ') :]}"
        for path, f in zip(("/busy.xml", "/quiet.xml"), said["failed"])
    ]
    named = reader_in_process("fetch", server.url("/quiet.xml"))
    assert (
        named.stdout.startswith("0 new in ")
        and f"1 feed not asked: {server.url('/quiet.xml')}: its server" in named.stdout
    )
    assert (server.hits("/busy.xml"), server.hits("/quiet.xml")) == (1, 0)
    # Its state as it was: still waiting, its error the 429's
    (busy, quiet) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert busy["error"].startswith("HTTP 429 Too Many Requests") and quiet["kind"] == "deferred"


def test_fetch_and_feed_list_json_give_their_times_in_iso_8601_utc(server, reader_in_process, fast_feeds_file):
    """`retry_at` was seconds since the epoch (in `fetch --json` and `feed list --json`) beside
    `last_fetched` in ISO 8601: one form for every moment, UTC with its offset, to the second."""
    server.route("/busy.xml", Reply("down", status=503, headers={"Retry-After": "7200"}))
    reader_in_process("feed", "add", server.url("/busy.xml"), "--no-check")

    before = time.time()
    (fetched,) = json.loads(reader_in_process("fetch", "--json", check=False).stdout)["feeds"]
    after = time.time()
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)

    moment = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
    assert moment.match(fetched["retry_at"]) and moment.match(listed["last_fetched"])
    assert listed["retry_at"] == fetched["retry_at"]
    retry_at = _dt.datetime.fromisoformat(fetched["retry_at"]).timestamp()  # cut to the second
    assert int(before) + 7200 <= retry_at <= after + 7200  # the wait asked for, from when it was asked


@pytest.mark.parametrize(
    ("path", "reply", "said"),
    [
        ("/gone.xml", Reply("missing", status=404), "HTTP 404 Not Found"),
        ("/home", Reply("<!doctype html><html><body>Welcome</body></html>"), "a web page, not a feed"),
    ],
)
def test_fetch_json_gives_where_a_feed_moved_for_good_when_it_fails_there(
    server, reader_in_process, fast_feeds_file, path, reply, said
):
    """`fetch --json` of a feed moved for good (301) to an address that fails there, or answers a
    web page, had `moved_to` null: only its reason's text said where. `feed list` says the move
    once (in the failure, with what to do there), and no summary tells to change the url to it."""
    server.route("/old.xml", Reply(status=301, headers={"Location": path}))
    server.route(path, reply)
    reader_in_process("feed", "add", server.url("/old.xml"), "--no-check")

    fetched = json.loads(reader_in_process("fetch", "--json", check=False).stdout)
    (feed,) = fetched["feeds"]
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    shown = reader_in_process("feed", "list").stdout
    plain = reader_in_process("fetch", "--force", check=False)

    assert feed["status"] == "failed" and feed["error"].startswith(f"moved for good to {server.url(path)}: {said}")
    assert feed["moved_to"] == listed["moved_to"] == server.url(path)
    assert shown.count("moved for good") == 1, shown
    assert "change its url" not in plain.stdout + plain.stderr, plain


@pytest.mark.parametrize(
    "command",
    [
        ["fetch"],
        ["feed", "list"],
        ["feed", "add", "https://example.org/rss", "--no-check"],
        ["feed", "remove", "https://example.org/rss"],
    ],
)
def test_a_broken_feeds_file_is_exit_2_with_the_line_and_the_cause(reader_in_process, isolated_dirs, command):
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text("feeds: [unclosed\n", encoding="utf-8")
    result = reader_in_process(*command, check=False)
    # As for config.yaml: the line, the column and the parser's reason; a usage error.
    # Line 1, where the [ is left open: the parser notices it past the end of the file.
    assert result.stderr == (
        f"reader: {path}: line 1, column 8: broken YAML: a [ is not closed (did not find expected ',' or ']'); "
        "fix it there (no feed is read until it is)\n"
    )
    assert result.returncode == 2


@pytest.mark.parametrize("command", [["fetch"], ["feed", "remove"]])
def test_a_url_that_is_not_a_subscription_is_exit_2_as_an_unknown_article(reader_in_process, command):
    # Nothing is fetched (no request: port 9 is never asked); the README's and the help's codes:
    # a name typed that names nothing is a usage error, as an unknown --outlet or article id.
    result = reader_in_process(*command, "http://127.0.0.1:9/notsub.xml", check=False)
    assert result.stderr == (
        "reader: not subscribed: http://127.0.0.1:9/notsub.xml; you follow no feed yet: "
        "`reader feed add http://127.0.0.1:9/notsub.xml` subscribes\n"
    )
    assert result.returncode == 2
    assert "a FEED_URL that is not one of your subscriptions or a bad option, 3" in " ".join(
        reader_in_process("fetch", "--help").stdout.split()
    )


@pytest.mark.parametrize("command", [["feed", "add"], ["feed", "add", "--no-check"], ["feed", "remove"], ["fetch"]])
def test_a_malformed_url_is_a_usage_error_in_every_feed_command(reader_in_process, command):
    # `feed add notaurl` exited 1 as if a fetch had failed; nothing was tried: it is the user's
    # typing, exit status 2 (README), and no feeds.yaml entry can be such a URL either. It gave no
    # example of what is wanted.
    result = reader_in_process(*command, "notaurl", check=False)
    assert (
        result.stderr
        == "reader: not an http(s) URL: notaurl (a feed's address looks like https://example.com/feed.xml)\n"
    )
    assert result.returncode == 2 and result.stdout == ""


@pytest.mark.parametrize("url", ["", "  "])
@pytest.mark.parametrize("command", [["feed", "add"], ["feed", "add", "--no-check"], ["feed", "remove"], ["fetch"]])
def test_an_empty_url_is_said_to_be_empty_in_one_line(reader_in_process, isolated_dirs, command, url):
    # `feed add "$URL"` with URL unset said "not an http(s) URL:  (a feed's address looks like …)",
    # the URL it quoted being nothing: the line says the URL is empty. A usage error (exit 2),
    # nothing written; --json lists it under "failed" with the same reason.
    result = reader_in_process(*command, url, check=False)
    said = "the feed URL is empty: give a feed's address, such as https://example.com/feed.xml"
    assert result.stderr == f"reader: {said}\n"
    assert result.returncode == 2 and result.stdout == ""
    assert not (isolated_dirs["config"] / "feeds.yaml").exists()
    if command[:2] == ["feed", "add"]:
        result = reader_in_process(*command, url, "--json", check=False)
        assert result.returncode == 2 and result.stderr == f"reader: {said}\n"
        assert json.loads(result.stdout)["failed"][0]["reason"] == said


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("example.com/rss", "https://example.com/rss"),
        ("feed://example.com/rss", "https://example.com/rss"),
        ("feed:https://example.com/rss", "https://example.com/rss"),
    ],
)
def test_a_url_typed_without_its_scheme_or_as_feed_colon_suggests_the_https_one(reader_in_process, typed, meant):
    # A browser's address bar hides "https://"; feed:// links still appear on sites.
    result = reader_in_process("feed", "add", "--no-check", typed, check=False)
    assert result.stderr == f"reader: not an http(s) URL: {typed} (did you mean {meant}?)\n"
    assert result.returncode == 2


def test_each_skipped_entry_of_feeds_yaml_names_its_line(reader_in_process, isolated_dirs):
    # "feed 4" alone left one counting the entries of a long, commented file by hand.
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text(
        "# mine\nfeeds:\n  - url: https://a.example/rss\n  - 7\n  - https://a.example/rss\n\n  -   url: ftp://x\n",
        encoding="utf-8",
    )
    assert reader_in_process("feed", "list").stderr.splitlines() == [
        f"reader: warning: {path}: line 4: feed 2: expected '- url: https://…' (and options), not the number 7; skipped",
        f"reader: warning: {path}: line 5: feed 3 repeats https://a.example/rss, feed 1 (line 3): "
        "remove one of the two; skipped",
        f"reader: warning: {path}: line 7: feed 4: 'url' must be an http(s) URL such as https://example.com/feed.xml, not the text 'ftp://x'; skipped",
    ]


@pytest.mark.parametrize(
    "url, shown",
    [
        ("http://x.example/\x1b[31mrss", "http://x.example/\\x1b[31mrss"),
        ("http://x.example/\u202erss", "http://x.example/\\u202erss"),
    ],
)
@pytest.mark.parametrize("command", [["feed", "add"], ["feed", "add", "--no-check"], ["feed", "remove"], ["fetch"]])
def test_a_url_with_an_escape_sequence_is_a_usage_error_not_a_look_alike_subscription(
    reader_in_process, command, url, shown
):
    """`feed add --no-check` kept http://x.example/ESC[31mrss, which `feed list` showed as a
    second http://x.example/rss (every line drops the escape): it is no URL, exit status 2."""
    result = reader_in_process(*command, url, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"reader: not a valid URL: {shown} (it holds control characters)\n"
    assert reader_in_process("feed", "list", "--json").stdout.strip() == "[]"


def test_a_feeds_yaml_url_with_an_escape_sequence_is_skipped_with_its_line(reader_in_process, isolated_dirs):
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text(
        'feeds:\n  - url: https://a.example/rss\n  - url: "https://a.example/\\e[2Jrss"\n', encoding="utf-8"
    )
    listed = reader_in_process("feed", "list", "--json")
    assert [feed["url"] for feed in json.loads(listed.stdout)] == ["https://a.example/rss"]
    assert listed.stderr == f"reader: warning: {path}: line 3: feed 2: 'url' holds control characters; skipped\n"


@pytest.mark.parametrize("name", ["\x1b[31mEvil News\x1b[0m", "Evil\u202e News", "Evil\x07 News\n"])
def test_an_outlet_name_with_escape_sequences_or_bidi_controls_is_kept_without_them(
    reader_in_process, isolated_dirs, name
):
    """`feed add --outlet` wrote ESC[31m or U+202E into feeds.yaml, and every command's JSON gave
    it back: an outlet that every line shows as "Evil News" but no `--outlet "Evil News"` names."""
    added = json.loads(
        reader_in_process("feed", "add", "https://a.example/rss", "--no-check", "--outlet", name, "--json").stdout
    )
    assert added["outlet"] == "Evil News"
    assert json.loads(reader_in_process("feed", "list", "--json").stdout)[0]["outlet"] == "Evil News"
    text = (isolated_dirs["config"] / "feeds.yaml").read_text(encoding="utf-8")
    assert "outlet: Evil News\n" in text


def test_a_feeds_yaml_outlet_or_title_with_an_escape_sequence_is_read_without_it(reader_in_process, isolated_dirs):
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text(
        'feeds:\n  - url: https://a.example/rss\n    outlet: "\\e[2JEvil\\u202e News"\n    title: "A\\e]0;x\\a feed"\n',
        encoding="utf-8",
    )
    (feed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert (feed["outlet"], feed["title"]) == ("Evil News", "A feed")


@pytest.mark.parametrize("name", ["", "   ", "\x1b[0m"])
def test_an_empty_outlet_name_is_a_usage_error_as_for_list(reader_in_process, name):
    # `--outlet "$NAME"` with NAME unset was taken as no --outlet at all
    result = reader_in_process("feed", "add", "https://a.example/rss", "--no-check", "--outlet", name, check=False)
    assert (result.returncode, result.stderr) == (2, "reader: an outlet name is needed\n")
    assert reader_in_process("feed", "list", "--json").stdout.strip() == "[]"


def test_a_feeds_yaml_that_is_a_folder_is_an_error_not_no_subscriptions(reader_in_process, isolated_dirs):
    path = isolated_dirs["config"] / "feeds.yaml"
    path.mkdir(parents=True)
    for command in (["feed", "list"], ["fetch"], ["feed", "add", "https://b.example/rss", "--no-check"]):
        result = reader_in_process(*command, check=False)
        assert result.returncode == 2, command
        assert result.stderr == (
            f"reader: {path}: is a folder, not a file; subscriptions go in a file of that name: move the folder away\n"
        )


def test_no_subscriptions_is_a_diagnostic_named_as_every_other(reader_in_process):
    # The line had no "reader: " before it, unlike every other line reader prints on stderr.
    assert (
        reader_in_process("feed", "list").stderr
        == "reader: no subscriptions yet: subscribe with `reader feed add URL`, "
        "or `reader feed import FILE` with another feed reader's OPML export\n"
    )
    fetched = reader_in_process("fetch")
    assert fetched.stderr == (
        "reader: nothing to fetch: no subscriptions yet; subscribe with `reader feed add URL`, "
        "or bring yours with `reader feed import FILE`\n"
    )
    assert reader_in_process("feed", "list").stdout == "" and fetched.stdout == ""  # not "0 new in 0.0 s"


def test_fetch_with_every_entry_of_feeds_yaml_skipped_says_so_not_no_subscriptions(reader_in_process, isolated_dirs):
    """It said "no subscriptions yet" under the warnings for a feeds.yaml of two entries, after
    "0 new in 0.0 s" (the app said it right)."""
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds:\n  - url: ftp://x\n  - 7\n", encoding="utf-8")
    result = reader_in_process("fetch", check=False)
    assert result.stdout == "" and "no subscriptions yet" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "reader: nothing to fetch: no usable subscription in feeds.yaml (2 entries skipped); fix it, "
        "or subscribe with `reader feed add URL`"
    )
    assert result.returncode == 2  # a broken configuration, as an unreadable feeds.yaml is


def test_fetch_quiet_with_no_subscriptions_says_nothing(reader_in_process):
    """-q is errors only: a cron job set up before the first `feed add` mailed "no subscriptions
    yet" every half hour. No subscription is no error: status 0, as without -q."""
    result = reader_in_process("fetch", "-q")
    assert (result.stdout, result.stderr, result.returncode) == ("", "", 0)


def test_fetch_quiet_with_every_entry_of_feeds_yaml_skipped_says_why(reader_in_process, isolated_dirs):
    """A feeds.yaml none of whose entries can be read is an error -q says: cron mails it."""
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds:\n  - url: ftp://x\n", encoding="utf-8")
    result = reader_in_process("fetch", "-q", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "reader: nothing to fetch: no usable subscription in feeds.yaml (1 entry skipped); fix it, "
        "or subscribe with `reader feed add URL`"
    )


def test_fetch_json_with_every_entry_of_feeds_yaml_skipped_exits_2_as_without_it(reader_in_process, isolated_dirs):
    """`fetch --json` of a feeds.yaml none of whose entries can be read exited 0 where the text
    run exits 2: a script saw success for a broken configuration."""
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds:\n  - url: ftp://x\n", encoding="utf-8")
    result = reader_in_process("fetch", "--json", check=False)
    assert result.returncode == 2
    assert json.loads(result.stdout)["new"] == 0
    assert result.stderr.splitlines()[-1].startswith("reader: nothing to fetch: no usable subscription")
    (isolated_dirs["config"] / "feeds.yaml").write_text("feeds: []\n", encoding="utf-8")
    assert reader_in_process("fetch", "--json", check=False).returncode == 0  # no subscription: no error


def test_a_feeds_password_and_token_are_hidden_in_every_line_and_its_printed_url_still_names_it(
    reader_in_process, isolated_dirs
):
    """`feed list`, a fetch's failure lines, its progress, --json printed the password and token of
    `https://ann:PASSWORD@host/feed?token=…` (cron mails them): written *** as curl and git do;
    feeds.yaml keeps them, and the URL as printed still names the feed (`fetch URL`, `feed remove`)."""
    path = isolated_dirs["config"] / "feeds.yaml"
    url = "http://ann:hunter2@127.0.0.1:9/feed?token=tok123"
    path.write_text(f"feeds:\n  - url: {url}\n    outlet: X\n", encoding="utf-8")
    printed = "http://ann:***@127.0.0.1:9/feed?token=***"
    listed = reader_in_process("feed", "list")
    listed_json = reader_in_process("feed", "list", "--json")
    fetched = reader_in_process("fetch", "--progress", "json", check=False)
    fetched_json = reader_in_process("fetch", "--json", "--all", check=False)
    by_printed_url = reader_in_process("fetch", printed, check=False)
    for result in (listed, listed_json, fetched, fetched_json, by_printed_url):
        said = result.stdout + result.stderr
        assert "hunter2" not in said and "tok123" not in said
    assert printed in listed.stdout and json.loads(listed_json.stdout)[0]["url"] == printed
    assert f"reader: failed {printed}" in fetched.stderr and printed in fetched_json.stdout
    assert "not subscribed" not in by_printed_url.stderr and by_printed_url.returncode == 1  # asked: refused
    assert reader_in_process("feed", "remove", printed).returncode == 0
    assert url not in path.read_text(encoding="utf-8")


def test_a_token_in_a_feeds_path_or_as_its_user_name_is_hidden_in_every_line(reader_in_process, isolated_dirs):
    """`/feeds/<40-hex token>/rss`, `/api/key/<key>/feed` and `https://TOKEN@host/feed` were
    printed whole by `feed list`, a fetch's failures, progress and --json: written *** as a query's
    token is, and the URL as printed still names its feed."""
    path = isolated_dirs["config"] / "feeds.yaml"
    hex_token, key, user = "0123456789abcdef0123456789abcdef01234567", "k3y99secret", "ghp_a1b2c3d4e5f6g7h8i9j0"
    urls = [
        f"http://127.0.0.1:9/feeds/{hex_token}/rss",
        f"http://127.0.0.1:9/api/key/{key}/feed",
        f"http://{user}@127.0.0.1:9/private.xml",
    ]
    path.write_text("feeds:\n" + "".join(f"  - url: {u}\n    outlet: X\n" for u in urls), encoding="utf-8")
    printed = [
        "http://127.0.0.1:9/feeds/***/rss",
        "http://127.0.0.1:9/api/key/***/feed",
        "http://***@127.0.0.1:9/private.xml",
    ]
    listed = reader_in_process("feed", "list")
    listed_json = reader_in_process("feed", "list", "--json")
    fetched = reader_in_process("fetch", "--progress", "json", check=False)
    fetched_json = reader_in_process("fetch", "--json", "--all", check=False)
    for result in (listed, listed_json, fetched, fetched_json):
        said = result.stdout + result.stderr
        assert hex_token not in said and key not in said and user not in said
    assert [feed["url"] for feed in json.loads(listed_json.stdout)] == printed
    assert all(f" {shown}: " in fetched.stderr for shown in printed)  # failed, or not asked after it
    assert reader_in_process("feed", "remove", printed[0]).returncode == 0
    assert urls[0] not in path.read_text(encoding="utf-8") and urls[1] in path.read_text(encoding="utf-8")


def test_two_feeds_printed_alike_are_not_named_by_their_printed_url(reader_in_process, isolated_dirs):
    """Two feeds whose tokens alone differ print as one URL: `feed remove` of it removed the
    first, perhaps not the one meant. It names neither; each one's own URL still does."""
    path = isolated_dirs["config"] / "feeds.yaml"
    first, second = (f"http://127.0.0.1:9/feeds/{c * 40}/rss".replace(c * 2, c + "1", 1) for c in "ab")
    path.write_text(f"feeds:\n  - url: {first}\n  - url: {second}\n", encoding="utf-8")
    result = reader_in_process("feed", "remove", "http://127.0.0.1:9/feeds/***/rss", check=False)
    assert (
        result.returncode != 0
        and first in path.read_text(encoding="utf-8")
        and second in path.read_text(encoding="utf-8")
    )
    # "not subscribed" was untrue: it is subscribed twice over
    said = "2 feeds print as http://127.0.0.1:9/feeds/***/rss, their tokens hidden: give the one meant by its URL"
    assert said in result.stderr and "not subscribed" not in result.stderr, result.stderr
    fetched = reader_in_process("fetch", "http://127.0.0.1:9/feeds/***/rss", check=False)
    assert fetched.returncode != 0 and said in fetched.stderr, fetched.stderr
    assert reader_in_process("feed", "remove", second).returncode == 0
    assert first in path.read_text(encoding="utf-8") and second not in path.read_text(encoding="utf-8")


def test_feed_list_says_which_entries_feeds_yaml_skips(reader_in_process, isolated_dirs):
    """An entry with a bad URL was dropped without a word: `feed list` said "no subscriptions
    yet" for a file holding two (`reader config` and `reader fetch` said why)."""
    path = isolated_dirs["config"] / "feeds.yaml"
    path.write_text('feeds:\n  - url: "ftp://x.example/a"\n  - url: https://ok.example/rss\n', encoding="utf-8")
    warning = f"reader: warning: {path}: line 2: feed 1: 'url' must be an http(s) URL such as https://example.com/feed.xml, not the text 'ftp://x.example/a'; skipped\n"
    for args in (["feed", "list"], ["feed", "list", "--json"]):
        result = reader_in_process(*args)
        assert result.stderr == warning
        assert "https://ok.example/rss" in result.stdout
    path.write_text('feeds:\n  - url: "ftp://x.example/a"\n', encoding="utf-8")
    result = reader_in_process("feed", "list")
    assert result.stderr == warning
    assert json.loads(reader_in_process("feed", "list", "--json").stdout) == []


def test_fetch_json_says_the_kind_and_status_of_every_failure(server, reader_in_process, fast_feeds_file):
    import socket

    # A port nothing listens on: refused at once.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    server.route("/home", Reply("<html><head><title>Home</title></head><body>a page</body></html>"))
    local = {"title": "Local file", "link": "file:///etc/passwd"}
    server.route("/rss.xml", Reply(rss("Feed", [local]), content_type="application/rss+xml"))
    for url in (server.url("/rss.xml"), server.url("/missing.xml"), server.url("/home"), closed):
        reader_in_process("feed", "add", url, "--no-check")

    result = reader_in_process("fetch", "--json", check=False)

    assert result.returncode == 1
    failed = {f["url"]: f for f in json.loads(result.stdout)["failed"]}
    # Scripts read `kind` and `status`; `reason` keeps its words for people.
    assert {url: (f["kind"], f["status"]) for url, f in failed.items()} == {
        "file:///etc/passwd": ("bad_url", None),
        server.url("/missing.xml"): ("http", 404),
        server.url("/home"): ("not_a_feed", 200),  # the server answered 200: a web page
        closed: ("refused", None),
    }
    assert failed[server.url("/missing.xml")]["reason"].startswith("HTTP 404 Not Found: ")
    assert all(set(f) == {"url", "reason", "kind", "status", "counted", "feed"} for f in failed.values())
    # The lines for people stay on stderr, as without --json: exit status 1 said nothing there.
    said = [line for line in result.stderr.splitlines() if line.startswith(("reader: failed ", "reader: not asked "))]
    assert len(said) == 4 and any(server.url("/missing.xml") in line for line in said), result.stderr


def test_feed_add_and_fetch_json_name_a_failure_alike_with_its_kind(server, reader_in_process, fast_feeds_file):
    """`feed add --json` printed nothing when the URL could not be fetched (a script had only the
    words of stderr), and a failed feed of `fetch --json`'s `feeds` had no `kind`: both now say it
    as `failed` does, and `feed list --json` keeps it."""
    from test_docs import _json_row

    server.route("/home", Reply("<html><head><title>Home</title></head><body>a page</body></html>"))

    added = reader_in_process("feed", "add", server.url("/missing.xml"), "--json", check=False)
    page = reader_in_process("feed", "add", server.url("/home"), "--json", check=False)
    malformed = reader_in_process("feed", "add", "example.com/rss", "--json", check=False)

    assert (added.returncode, page.returncode, malformed.returncode) == (1, 1, 2)
    assert json.loads(added.stdout) == {
        "failed": [
            {
                "url": server.url("/missing.xml"),
                "reason": "HTTP 404 Not Found",
                "kind": "http",
                "status": 404,
                "counted": True,
                "feed": None,
            }
        ]
    }
    assert [(f["kind"], f["status"]) for f in json.loads(page.stdout)["failed"]] == [("not_a_feed", 200)]
    assert [(f["kind"], f["status"]) for f in json.loads(malformed.stdout)["failed"]] == [("bad_url", None)]
    assert added.stderr.count("\n") == 1 and "HTTP 404" in added.stderr  # the line for people stays

    reader_in_process("feed", "add", server.url("/missing.xml"), "--no-check")
    fetched = json.loads(reader_in_process("fetch", "--json", check=False).stdout)
    listed = json.loads(reader_in_process("feed", "list", "--json").stdout)

    [feed] = fetched["feeds"]
    [failure] = fetched["failed"]
    assert (feed["status"], feed["error"], feed["kind"]) == ("failed", failure["reason"], failure["kind"])
    assert failure["kind"] == "http" and listed[0]["kind"] == "http" and listed[0]["status"] == "failed"
    # Every key is in README's table, both ways.
    from test_docs import _keys

    assert _keys(fetched, set()) <= _json_row("fetch")  # (no article: test_docs checks all of them)
    assert _keys(listed, set()) == _json_row("feed list")
    from test_docs import README

    row = next(line for line in README.splitlines() if line.startswith("| `reader feed add` |"))
    assert '`{"failed": [{"url", "reason", "kind", "status", "counted", "feed"}]}`' in row


def test_end_to_end_two_outlets_land_are_indexed_grouped_and_compared(
    server, reader_in_process, fast_feeds_file, tmp_path
):
    slugs = {}
    for n, (outlet, title, paragraphs, date) in enumerate(seed_pages()):
        slug = f"outlet{n}"
        slugs[slug] = outlet
        server.route(f"/{slug}/story", Reply(page(title, paragraphs, site=outlet, date=date)))
        server.route(
            f"/{slug}/rss.xml",
            Reply(
                rss(outlet, [{"title": title, "link": server.url(f"/{slug}/story")}]),
                content_type="application/rss+xml",
                etag='"1"',
            ),
        )
        reader_in_process("feed", "add", server.url(f"/{slug}/rss.xml"), "--outlet", outlet)

    report = json.loads(reader_in_process("fetch", "--json").stdout)
    assert report["new"] == 2 and report["failed"] == []
    ids = [a["id"] for a in report["articles"]]
    # Indexed, then their story's comparisons prepared, as `reader index` does.
    passes = json.loads((tmp_path / "cache" / "sentences" / "prepared.json").read_text(encoding="utf-8"))
    assert [entry["report"]["ready"] for entry in passes.values()] == [4]

    # The fetched folder is part of the default corpus: `reader list` shows them beside the seeds.
    listed = {a["id"]: a for a in json.loads(reader_in_process("list", "--json").stdout)}
    assert set(ids) <= set(listed) and len(listed) == 4
    assert {listed[i]["outlet"] for i in ids} == set(slugs.values())

    fetched = str(tmp_path / "data" / "fetched")
    stories = json.loads(reader_in_process("--corpus", fetched, "stories", "--json").stdout)
    assert any(set(ids) <= set(s["articles"]) for s in stories)

    compared = json.loads(reader_in_process("--corpus", fetched, "compare", ids[0], ids[1], "--json").stdout)
    assert {compared["left"]["outlet"], compared["right"]["outlet"]} == set(slugs.values())
    assert len(compared["pairs"]) >= 3

    second = json.loads(reader_in_process("fetch", "--all", "--json").stdout)
    assert second["new"] == 0 and {f["status"] for f in second["feeds"]} == {"not-modified"}


def test_a_hostile_server_cannot_put_escape_sequences_in_the_fetch_report(server, reader_in_process, fast_feeds_file):
    # The failure's reason quotes the server's Content-Type header, ESC and all: the summary line
    # and the failure lines print it without them.
    server.route("/feed.xml", Reply("x", content_type="text/\x1b[31mevil\x1b]0;owned\x07"))
    reader_in_process("feed", "add", server.url("/feed.xml"), "--no-check")

    result = reader_in_process("fetch", check=False)

    assert result.returncode == 1 and "unexpected content type text/" in result.stderr
    assert "1 feed failed" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


def test_ctrl_c_stops_a_fetch_at_once_without_waiting_for_the_server(server, fast_feeds_file, tmp_path):
    import signal
    import threading

    release = threading.Event()

    def held(_handler):
        release.wait(60)  # a server that answers after a minute
        return Reply(rss("Slow", []), content_type="application/rss+xml")

    server.route("/slow.xml", held)
    fast_feeds_file.write_text(
        f"feeds:\n  - url: {server.url('/slow.xml')}\nsettings:\n  host_delay: 0\n  read_timeout: 120\n",
        encoding="utf-8",
    )
    proc = fetch_in_a_subprocess_until_it_asks(server, "/slow.xml", tmp_path)
    try:
        proc.send_signal(signal.SIGINT)
        # Well before the server answers (release is set only after this).
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() == 130
        out, err = proc.communicate(timeout=10)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert err.endswith("reader: interrupted\n") and "Traceback" not in err
    assert "stopped before the end" in out
    data = tmp_path / "data"
    assert not [p for p in data.rglob(".*") if p.is_file()]  # no temporary file left behind


@pytest.mark.parametrize("verbose", [False, True])
def test_many_feeds_failing_are_each_said_the_first_few_unless_verbose(fast_feeds_file, reader_in_process, verbose):
    """ "8 feeds failed: URL: why" read as if the eight were that one URL, and stderr said 50
    lines for 50 subscriptions behind one dead host: the summary counts them and names the first,
    stderr says the first few, each with its reason, and counts the rest; --verbose says each."""
    hosts = [f"127.0.0.{k}" for k in range(2, 10)]  # eight hosts, each refusing (port 9: nothing listens)
    fast_feeds_file.write_text(
        "feeds:\n" + "".join(f"  - url: http://{host}:9/feed.xml\n" for host in hosts) + FAST_SETTINGS,
        encoding="utf-8",
    )
    done = reader_in_process("fetch", *(["--verbose"] if verbose else []), check=False)

    # "(each said below)" was followed by 5 of the 8
    where = "each said below" if verbose else "5 said below, --verbose says each"
    assert f"8 feeds failed ({where}), the first http://127.0.0.2:9/feed.xml: " in done.stdout, done.stdout
    said = [line for line in done.stderr.splitlines() if line.startswith("reader: failed http://127.0.0.")]
    assert all("refused the connection" in line for line in said)
    shown = hosts if verbose else hosts[:5]  # in feeds.yaml's order
    assert [line.split()[2] for line in said] == [f"http://{host}:9/feed.xml:" for host in shown], done.stderr
    if not verbose:
        assert "reader: and 3 more feeds failed or not asked (reader fetch --verbose says each;" in done.stderr
    else:
        assert "more feed" not in done.stderr
    # --verbose has nothing to add to --json, which says each feed: allowed, not a usage error
    listed = json.loads(reader_in_process("fetch", "--all", "--json", "--verbose", check=False).stdout)
    assert sorted(feed["url"] for feed in listed["feeds"] if feed["error"]) == sorted(
        f"http://{host}:9/feed.xml" for host in hosts
    )


def test_ctrl_c_stops_a_fetch_whose_connections_are_held_open_without_an_answer(fast_feeds_file, tmp_path):
    """A host that accepts every connection and never reads nor answers (a hung proxy, a
    tarpit), with timeouts of minutes: ctrl+c stops the run at once all the same, each request
    under way left to its daemon worker. A raw socket, not the HTTP server: no request is read."""
    import signal
    import socket
    import threading

    listener = socket.create_server(("127.0.0.1", 0), backlog=16)
    held: list[socket.socket] = []
    closing = threading.Event()

    def accept() -> None:
        while not closing.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:  # closed by the test's end
                return

    threading.Thread(target=accept, daemon=True).start()
    port = listener.getsockname()[1]
    fast_feeds_file.write_text(
        "feeds:\n"
        + "".join(f"  - url: http://127.0.0.1:{port}/feed{k}.xml\n" for k in range(4))
        + "settings:\n  host_delay: 0\n  per_host: 4\n  connect_timeout: 300\n  read_timeout: 300\n"
        "  total_timeout: 600\n  overall_timeout: 900\n",
        encoding="utf-8",
    )
    proc = python_in_a_subprocess(["-m", "reader", "fetch"], tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not held and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert held and proc.poll() is None, proc.poll()
        proc.send_signal(signal.SIGINT)
        # The sockets stay open, unanswered, till the test's end: only ctrl+c can end the run.
        out, err = proc.communicate(timeout=60)
    finally:
        closing.set()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        listener.close()
        for connection in held:
            connection.close()
    assert proc.returncode == 130, err
    assert err.endswith("reader: interrupted\n") and "Traceback" not in err
    assert "stopped before the end: 4 feeds not fetched" in out


@pytest.mark.parametrize(("signum", "status"), [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_a_fetch_stopped_by_a_signal_lists_what_it_stored(server, fast_feeds_file, tmp_path, signum, status):
    """`timeout 10m reader fetch` in a cron job: SIGTERM ended it with "stopped by SIGTERM" alone,
    the articles stored by then never listed (ctrl+c listed them)."""
    import signal
    import threading

    release = threading.Event()

    def held(_handler):
        release.wait(60)
        return Reply(page("Late story", ["x " * 200]))

    title, paragraphs = "Story stored before the signal", [" ".join(["minister council budget summit"] * 20)] * 2
    server.route("/news/1", Reply(page(title, paragraphs)))
    server.route("/news/2", held)
    items = [{"title": title, "link": server.url("/news/1")}, {"title": "Late", "link": server.url("/news/2")}]
    server.route("/rss.xml", Reply(rss("Feed", items), content_type="application/rss+xml"))
    fast_feeds_file.write_text(
        f"feeds:\n  - url: {server.url('/rss.xml')}\nsettings:\n  host_delay: 0\n  workers: 1\n  read_timeout: 120\n",
        encoding="utf-8",
    )
    proc = fetch_in_a_subprocess_until_it_asks(server, "/news/2", tmp_path)
    try:
        proc.send_signal(getattr(signal, signum))
        out, err = proc.communicate(timeout=30)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == status, err
    assert out.startswith("new ") and title in out and "stopped before the end" in out
    assert err.endswith("reader: interrupted\n" if signum == "SIGINT" else f"reader: stopped by {signum}\n")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "url", ["http://[::1", "http://news.example.org:99999/rss", "http://news.example.org:x/", "http:///rss"]
)
@pytest.mark.parametrize("check", [[], ["--no-check"]])
def test_feed_add_of_a_url_that_cannot_be_fetched_is_one_line_and_not_kept(reader_in_process, url, check):
    # `http://[::1` ended in a ValueError traceback; with --no-check, it and the others were
    # subscribed, to fail at every fetch. A malformed URL is a usage error (README: exit status 2).
    result = reader_in_process("feed", "add", url, *check, check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"reader: not a valid URL: {url} (") and result.stderr.count("\n") == 1
    assert reader_in_process("feed", "list", "--json").stdout.strip() == "[]"


def test_feed_add_over_a_removed_feed_s_state_while_a_fetch_runs_is_exit_3_not_a_traceback(
    reader_in_process, fast_feeds_file
):
    """`feed add` forgets the fetch state an earlier removal left (it must hold the fetch lock for
    that): with a fetch running it says so and adds nothing, as `feed remove` does."""
    from reader.fetch.store import ArticleStore

    url = "http://127.0.0.1:9/feed.xml"
    store = ArticleStore()
    store.feed_state(url)["fetched_at"] = 1.0
    store.save_state()
    running = ArticleStore()
    running.lock()
    try:
        busy = reader_in_process("feed", "add", url, "--no-check", check=False)
    finally:
        running.unlock()
    assert busy.returncode == 3
    assert busy.stderr.count("\n") == 1 and "nothing was added" in busy.stderr
    assert url not in fast_feeds_file.read_text(encoding="utf-8")
    reader_in_process("feed", "add", url, "--no-check")
    assert url in fast_feeds_file.read_text(encoding="utf-8") and url not in ArticleStore().state["feeds"]


def test_feed_list_says_why_no_feed_has_a_last_fetch_when_the_fetch_state_is_damaged(reader_in_process, isolated_dirs):
    # Every feed said "not fetched yet" (0 articles) with nothing said until the next fetch.
    reader_in_process("feed", "add", "--no-check", "http://127.0.0.1:9/rss.xml")
    isolated_dirs["data"].mkdir(parents=True, exist_ok=True)
    state = isolated_dirs["data"] / "fetch-state.json"
    state.write_text('{"version": 1, "feeds": [', encoding="utf-8")

    listed = reader_in_process("feed", "list")

    assert listed.stdout.startswith("http://127.0.0.1:9/rss.xml  (no outlet)  0 articles  last never  not fetched yet")
    assert listed.stderr.startswith(f"reader: warning: {state} could not be read (")
    assert listed.stderr.endswith(
        "): the next fetch keeps it as fetch-state.json.damaged-<time>; fetching starts afresh\n"
    )
    assert listed.stderr.count("\n") == 1
    assert state.read_text(encoding="utf-8") == '{"version": 1, "feeds": ['  # listing changes nothing


def test_the_feed_remove_hint_quotes_the_url_it_took(server, reader_in_process, fast_feeds_file):
    # `reader feed remove http://…/feed/?a=1&b=2` ran in the background in bash.
    import shlex

    links = [("Example &raquo; Feed", "/feed/?a=1&amp;b=2"), ("Example &raquo; Podcast", "/podcast.xml")]
    head = "".join(f'<link rel="alternate" type="application/rss+xml" title="{t}" href="{h}">' for t, h in links)
    server.route("/", Reply(f"<html><head>{head}</head><body>home</body></html>"))
    for title, path in (("Example", "/feed/"), ("Podcast", "/podcast.xml")):
        server.route(
            path, Reply(rss(title, [{"title": "x", "link": server.url("/a")}]), content_type="application/rss+xml")
        )
    out = reader_in_process("feed", "add", server.url("/")).stdout.splitlines()
    taken = server.url("/feed/?a=1&b=2")
    assert out[0].startswith(f"subscribed to {taken}")
    assert f"`reader feed remove {shlex.quote(taken)}` drops this one" in out[1]


def test_fetch_quiet_says_nothing_of_a_fetch_under_way_but_names_one_running_for_an_hour(
    reader_in_process, fast_feeds_file
):
    """Cron mailed every overlap of `reader fetch --quiet` with a slow run ("another reader fetch
    is running"); a run stuck for hours must still be noticed: said once it has held the lock an
    hour, with its pid. Exit status 3 either way, for scripts."""
    import json
    import os
    import time

    from reader.fetch.store import ArticleStore
    from reader.fetch.subscriptions import add_subscription

    add_subscription("http://127.0.0.1:9/feed.xml")  # never asked: the lock is taken first
    running = ArticleStore()
    running.lock()
    lock_file = running.state_path.parent / "fetch.lock"
    try:
        assert json.loads(lock_file.read_text())["pid"] == os.getpid()
        overlap = reader_in_process("fetch", "--quiet", check=False)
        loud = reader_in_process("fetch", check=False)
        lock_file.write_text(json.dumps({"pid": os.getpid(), "since": time.time() - 7250}))
        stuck = reader_in_process("fetch", "-q", check=False)
    finally:
        running.unlock()
    assert (overlap.returncode, overlap.stdout, overlap.stderr) == (3, "", "")
    assert loud.returncode == 3 and f"another reader fetch (pid {os.getpid()}, since " in loud.stderr
    assert stuck.returncode == 3 and stuck.stdout == "" and stuck.stderr.count("\n") == 1
    assert stuck.stderr == (
        f"reader: another reader fetch (pid {os.getpid()}) has been running for 2 h 00 min: it may be stuck "
        f"(`kill {os.getpid()}` ends it); no fetch runs until it has finished\n"
    )
    assert lock_file.read_text() == ""  # no note left to be read as the next holder's


def test_a_lock_file_noted_by_no_one_or_damaged_is_a_fetch_under_way():
    from reader.fetch.store import lock_holder

    assert lock_holder("") == (None, None)  # an older reader's, or a run that has just taken it
    assert lock_holder('{"pid": true, "since": "x"}') == (None, None)
    assert lock_holder("[1]") == (None, None)
    assert lock_holder('{"pid": 12, "since": 5}') == (5.0, 12)
    assert lock_holder('{"pid": 12, "since": NaN}') == (None, 12)  # held NaN seconds: a crash in --quiet
    assert lock_holder('{"since": Infinity}') == (None, None)


def _held_with_a_stale_note(pid: int, since: float):
    """The fetch lock as a run holds it the moment after it took it, before it noted itself: the
    note in the file is the one a killed run left (`pid`, `since`). The holder is this process,
    through its own open file."""
    import fcntl
    import json

    from reader.fetch.store import ArticleStore

    lock_file = ArticleStore().state_path.parent / "fetch.lock"
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    holder = open(lock_file, "a+")
    fcntl.flock(holder, fcntl.LOCK_EX)
    holder.truncate(0)
    holder.write(json.dumps({"pid": pid, "since": since}))
    holder.flush()
    return holder


def _skip_unless_the_system_names_this_process_s_locks(folder) -> None:
    """Skip a test of the holder the system names (/proc/locks) where it names none of this
    process's own lock in `folder`: no /proc/locks, or btrfs, whose table lists the file system's
    device (a holder elsewhere is confirmed by its open file, never this process's own)."""
    import fcntl

    from reader.file_lock import flock_holders

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "probe.lock", "a+") as held, open(folder / "probe.lock", "a+") as other:
        fcntl.flock(held, fcntl.LOCK_EX)
        if flock_holders(other) != {os.getpid()}:
            pytest.skip("this system names no holder of this process's own lock (no /proc/locks, btrfs)")
    os.remove(folder / "probe.lock")


def test_a_killed_run_s_note_never_names_a_process_that_reused_its_pid(reader_in_process, fast_feeds_file, tmp_path):
    """A run killed while it held the fetch lock leaves its note ("pid 4242, since 03:10") until the
    next run notes itself. Read in between, the note named the killed run's pid, by then an
    unrelated process's: `fetch --quiet` said "has been running for 50 h: it may be stuck (`kill
    4242` ends it)" of it. The holder the system names is said, and no start it did not note."""
    import time

    from reader.fetch.store import ArticleStore, FetchBusy
    from reader.fetch.subscriptions import add_subscription

    _skip_unless_the_system_names_this_process_s_locks(tmp_path / "probe")
    add_subscription("http://127.0.0.1:9/feed.xml")  # never asked: the lock is taken first
    unrelated = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        holder = _held_with_a_stale_note(unrelated.pid, time.time() - 50 * 3600)
        try:
            with pytest.raises(FetchBusy) as busy:
                ArticleStore().lock()
            quiet = reader_in_process("fetch", "--quiet", check=False)
            loud = reader_in_process("fetch", check=False)
        finally:
            holder.close()
    finally:
        unrelated.kill()
        unrelated.wait()
    assert (busy.value.pid, busy.value.since) == (os.getpid(), None)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (3, "", "")  # a run under way: nothing to mail
    assert loud.returncode == 3 and str(unrelated.pid) not in loud.stderr
    assert (
        loud.stderr == f"reader: another reader fetch (pid {os.getpid()}) is running; try again when it has finished\n"
    )


@pytest.mark.parametrize("system_names_the_holder", [True, False])
def test_a_note_naming_a_process_that_is_gone_is_not_said(isolated_dirs, monkeypatch, system_names_the_holder):
    """Where the system does not name the holder (macOS: no /proc/locks), a noted pid whose
    process is gone is a killed run's note: neither it nor its start is said."""
    import time

    from reader import file_lock
    from reader.fetch.store import ArticleStore, FetchBusy

    if not system_names_the_holder:
        monkeypatch.setattr(file_lock, "flock_holders", lambda handle: None)
    else:
        _skip_unless_the_system_names_this_process_s_locks(isolated_dirs["data"].parent / "probe")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    holder = _held_with_a_stale_note(gone.pid, time.time() - 3 * 3600)
    try:
        with pytest.raises(FetchBusy) as busy:
            ArticleStore().lock()
    finally:
        holder.close()
    assert str(gone.pid) not in str(busy.value) and "since" not in str(busy.value)
    assert busy.value.since is None
    assert busy.value.pid == (os.getpid() if system_names_the_holder else None)


def test_the_holder_s_own_note_is_said_as_it_noted_it(isolated_dirs, monkeypatch):
    """The note of the process that holds the lock stands, where the system names the holder or not."""
    from reader import file_lock
    from reader.fetch.store import ArticleStore, FetchBusy

    running = ArticleStore()
    running.lock()
    try:
        for names in (True, False):
            if not names:
                monkeypatch.setattr(file_lock, "flock_holders", lambda handle: None)
            with pytest.raises(FetchBusy) as busy:
                ArticleStore().lock()
            assert busy.value.pid == os.getpid() and busy.value.since is not None
            assert f"(pid {os.getpid()}, since " in str(busy.value)
    finally:
        running.unlock()


def test_the_holders_of_an_flock_are_read_from_proc_locks(tmp_path):
    import fcntl

    from reader.file_lock import flock_holders

    with open(tmp_path / "lock", "a+") as held, open(tmp_path / "lock", "a+") as other:
        if flock_holders(held) is None:
            pytest.skip("no /proc/locks here")
        assert flock_holders(other) == set()
        fcntl.flock(held, fcntl.LOCK_EX)
        if flock_holders(other) is None:  # (test_a_lock_the_system_lists_under_another_device_…)
            pytest.skip("this file system's locks are listed under another device than stat()'s (btrfs)")
        assert flock_holders(other) == {os.getpid()}
        with open(tmp_path / "unlocked", "a+") as unlocked:
            assert flock_holders(unlocked) == set()


def _locks_table(tmp_path, monkeypatch, *lines: str) -> None:
    """The system's table of locks, as `lines` give it."""
    from reader import file_lock

    table = tmp_path / "locks"
    table.write_text("".join(f"{n}: {line}\n" for n, line in enumerate(lines, 1)), encoding="ascii")
    monkeypatch.setattr(file_lock, "LOCKS_TABLE", str(table))


def test_a_lock_the_system_lists_under_another_device_is_not_read_as_no_lock(tmp_path, monkeypatch):
    """btrfs: stat() gives a subvolume's files a device of their own, /proc/locks the file
    system's. No holder found under stat()'s device read as "nobody holds it": `feed list` said a
    run's feeds were "stopped before the end" while it fetched them. A lock on the file's inode
    under another device is "cannot tell" (as on a system with no /proc/locks), not "nobody"."""
    from reader.file_lock import flock_holders

    with open(tmp_path / "lock", "a+") as handle:
        st = os.fstat(handle.fileno())
        device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}"
        other = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev) + 1:02x}"
        _locks_table(tmp_path, monkeypatch, f"FLOCK  ADVISORY  WRITE 4242 {other}:{st.st_ino} 0 EOF")
        assert flock_holders(handle) is None
        _locks_table(
            tmp_path,
            monkeypatch,
            f"FLOCK  ADVISORY  WRITE 4242 {other}:{st.st_ino} 0 EOF",
            f"FLOCK  ADVISORY  WRITE 77 {device}:{st.st_ino} 0 EOF",
        )
        assert flock_holders(handle) == {77}  # the file's own device: the holder is known
        _locks_table(tmp_path, monkeypatch, f"FLOCK  ADVISORY  WRITE 4242 {other}:{st.st_ino}1 0 EOF")
        assert flock_holders(handle) == set()  # another inode: nobody holds this one


def test_a_lock_listed_under_another_device_is_this_file_s_when_its_holder_has_the_file_open(tmp_path, monkeypatch):
    """btrfs lists every lock under the file system's device: a run's lock read as "cannot tell",
    and its note went unconfirmed. The process the table names has this very file open (its
    /proc/PID/fd): the lock is this file's, and that process holds it."""
    from reader.file_lock import flock_holders

    if not os.path.isdir(f"/proc/{os.getpid()}/fd"):
        pytest.skip("no /proc/PID/fd here")
    lock = tmp_path / "lock"
    lock.touch()
    code = "import fcntl, sys; f = open(sys.argv[1], 'a+'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()"
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(lock)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with open(lock, "a+") as handle:
            st = os.fstat(handle.fileno())
            other = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev) + 1:02x}:{st.st_ino}"
            _locks_table(tmp_path, monkeypatch, f"FLOCK  ADVISORY  WRITE {holder.pid} {other} 0 EOF")
            assert flock_holders(handle) == {holder.pid}
            gone = subprocess.Popen([sys.executable, "-c", "pass"])
            gone.wait()  # a process that has no file open: not known to be this file's
            _locks_table(tmp_path, monkeypatch, f"FLOCK  ADVISORY  WRITE {gone.pid} {other} 0 EOF")
            assert flock_holders(handle) is None
    finally:
        holder.communicate("")


@pytest.mark.parametrize(("host", "said"), [("another-machine", True), (None, False)])
def test_a_note_of_another_machine_stands_while_the_lock_is_held_where_no_holder_is_named(
    isolated_dirs, tmp_path, monkeypatch, host, said
):
    """The data folder on NFS: a run on another machine holds the lock, the table here lists no
    holder, and its pid is no process here: it is not a killed run's note (its feeds were said
    "stopped before the end" while it fetched them). A gone pid of this machine still is."""
    import json
    import time

    from reader.fetch.store import ArticleStore, running_fetch

    _locks_table(tmp_path, monkeypatch)  # names no holder
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    since = time.time() - 60
    holder = _held_with_a_stale_note(gone.pid, since)
    try:
        if host is not None:
            holder.truncate(0)
            holder.write(json.dumps({"pid": gone.pid, "since": since, "host": host}))
            holder.flush()
        running = running_fetch(ArticleStore().state_path.parent)
    finally:
        holder.close()
    assert running == ((since, gone.pid) if said else (None, None))
    assert running_fetch(ArticleStore().state_path.parent) is None  # let go: no run


def test_a_run_whose_lock_the_system_lists_under_another_device_is_known_to_be_running(
    isolated_dirs, tmp_path, monkeypatch
):
    from reader.fetch.store import ArticleStore, running_fetch

    running = ArticleStore()
    running.lock()
    try:
        st = os.stat(running.state_path.parent / "fetch.lock")
        elsewhere = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev) + 1:02x}:{st.st_ino}"
        _locks_table(tmp_path, monkeypatch, f"FLOCK  ADVISORY  WRITE {os.getpid()} {elsewhere} 0 EOF")
        assert running_fetch(running.state_path.parent) == (running.lock_note["since"], os.getpid())
    finally:
        running.unlock()
    assert running_fetch(running.state_path.parent) is None  # let go: no run


@pytest.mark.parametrize("quiet", [False, True])
def test_fetch_quiet_says_nothing_of_an_index_another_process_updates(quiet, capsys):
    """The app updating the index while cron's `reader fetch --quiet` stored articles: its line
    ("another process is updating the index") mailed a harmless overlap; the next run indexes them."""
    from reader.commands.feeds import _index_fetched
    from reader.library import IndexBusy

    class Busy:
        def update(self, progress=None):
            raise IndexBusy("another reader process is updating the index")

        def command_line(self, words: str) -> str:
            return f"reader {words}"

    assert _index_fetched(Busy(), quiet=quiet) is None  # nothing stopped it
    err = capsys.readouterr().err
    assert (err == "") == quiet and ("" if quiet else "`reader index` adds the fetched articles") in err


@pytest.mark.parametrize(("signum", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("prepare_stories", "while preparing the comparisons; the fetched articles are indexed"),
        ("update", "while indexing the fetched articles; they are stored, and `[^`]+ index` indexes them"),
    ],
)
def test_a_signal_while_the_fetched_articles_are_indexed_or_compared_is_said_with_its_status(
    server, reader_in_process, fast_feeds_file, monkeypatch, signum, status, step, said
):
    """`timeout 10m reader fetch` from cron: SIGTERM while the comparisons of what was fetched
    were prepared said "interrupted" (ctrl+c's word) and exited 130, not 143 as SIGTERM does at
    every other step. Both say which signal, and the articles stay stored and indexed. Stopped
    while they were indexed, the fetch's report went unsaid ("reader: interrupted" alone, no
    article listed, no JSON): it is given, with the line saying what was stopped."""
    import signal

    from reader.commands.common import Stopped
    from reader.library import Library

    def stopped(*args, **kwargs):
        if signum == "SIGINT":
            raise KeyboardInterrupt  # a second ctrl+c, past the pass's own handler
        raise Stopped(getattr(signal, signum))  # as stop_on_termination_signals' handler raises it

    subscribed_to_one_seed_page(server, reader_in_process)
    monkeypatch.setattr(Library, step, stopped)
    result = reader_in_process("fetch", "--json", check=False)
    words = "interrupted" if signum == "SIGINT" else f"stopped by {signum}"
    assert result.returncode == status
    assert re.fullmatch(f"reader: {words} {said}\n", result.stderr), result.stderr
    assert json.loads(result.stdout)["new"] == 1


def test_feed_list_says_when_the_pages_of_a_feed_that_answered_failed(server, reader_in_process):
    from http_fixture import quick_settings
    from reader.fetch import fetch
    from reader.fetch.subscriptions import add_subscription

    items = [{"title": f"Story {n}", "link": server.url(f"/gone/{n}")} for n in (1, 2)]
    server.route("/feed.xml", Reply(rss("Site", items), content_type="application/rss+xml"))
    add_subscription(server.url("/feed.xml"), outlet="Site")

    report = fetch(settings=quick_settings())

    assert report.new == 0 and len(report.failures) == 2
    line = reader_in_process("feed", "list").stdout
    # "ok" alone, of a feed none of whose pages came
    assert "0 articles" in line and "ok; the last pages asked: all 2 failed (HTTP 404 Not Found" in line
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert listed["status"] == "ok" and listed["pages_failed"]["failed"] == listed["pages_failed"]["of"] == 2
    fetch(settings=quick_settings(), force=True)  # the pages gone are not asked again: still said
    assert "the last pages asked: all 2 failed" in reader_in_process("feed", "list").stdout

    # One page comes back under a new entry: the run that asks pages again says what it found.
    items.append({"title": "Story 3", "link": server.url("/news/3")})
    server.route("/news/3", Reply(page("Story 3 about the harbour", [" ".join(["Words of the story."] * 60)])))
    server.route("/feed.xml", Reply(rss("Site", items), content_type="application/rss+xml"))
    assert fetch(settings=quick_settings(), force=True).new == 1
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert listed["pages_failed"] is None and "; the last pages" not in reader_in_process("feed", "list").stdout


def test_feed_list_of_a_state_with_odd_values_where_addresses_go_lists_every_feed(reader_in_process, isolated_dirs):
    # A traceback (AttributeError: 'int' object has no attribute 'strip') stopped feed list.
    reader_in_process("feed", "add", "--no-check", "http://127.0.0.1:9/rss.xml")
    isolated_dirs["data"].mkdir(parents=True, exist_ok=True)
    state = {
        "version": 1,
        "feeds": {"http://127.0.0.1:9/rss.xml": {"status": "ok", "moved_to": 5, "moved_from": [1, None]}},
        "urls": {"http://127.0.0.1:9/a": {"id": "x/a", "feed": "http://127.0.0.1:9/rss.xml"}},
        "hashes": {},
        "moved_feeds": {"http://127.0.0.1:9/old.xml": ["http://127.0.0.1:9/rss.xml"], "7": None},
    }
    (isolated_dirs["data"] / "fetch-state.json").write_text(json.dumps(state), encoding="utf-8")

    listed = reader_in_process("feed", "list")

    assert listed.stdout == "http://127.0.0.1:9/rss.xml  (no outlet)  1 article  last never  ok\n"
    assert listed.stderr == ""


@pytest.mark.parametrize("table", ["system", "names-no-holder"])
def test_a_fetch_killed_outright_keeps_what_it_stored_and_says_so(
    server, fast_feeds_file, tmp_path, reader_in_process, monkeypatch, table
):
    """kill -9 (or the machine off) in the middle of a fetch: the state was saved only at the
    run's end, and `feed list` said "0 articles, last never, not fetched yet" of a feed whose
    articles were on disk. The run saves its state as it goes: the feed is listed with its
    articles, as stopped before the end, and the next run reads it in full (no 304 hides the
    entry not stored) and stores only what is missing."""
    import threading

    if table == "names-no-holder":  # NFS, overlay: the killed run is still no run
        from reader import file_lock

        (tmp_path / "locks").write_text("", encoding="ascii")
        monkeypatch.setattr(file_lock, "LOCKS_TABLE", str(tmp_path / "locks"))
    release = threading.Event()

    def held(_handler):
        release.wait(60)
        return Reply(page("Late story", [" ".join(["harbour ferry timetable strike"] * 20)] * 2))

    items = []
    for n in (1, 2, 3):
        title = f"Story {n} stored before the kill"
        server.route(f"/news/{n}", Reply(page(title, [" ".join([f"council budget vote {n}"] * 20)] * 2)))
        items.append({"title": title, "link": server.url(f"/news/{n}")})
    server.route("/news/4", held)
    items.append({"title": "Late story", "link": server.url("/news/4")})
    server.route("/rss.xml", Reply(rss("Feed", items), content_type="application/rss+xml", etag='"v1"'))
    fast_feeds_file.write_text(
        f"feeds:\n  - url: {server.url('/rss.xml')}\nsettings:\n  host_delay: 0\n  workers: 1\n  read_timeout: 120\n",
        encoding="utf-8",
    )
    state_path = tmp_path / "data" / "fetch-state.json"

    def stored_in_state() -> int:
        try:
            urls = json.loads(state_path.read_text(encoding="utf-8"))["urls"]
        except (OSError, ValueError, KeyError):
            return 0
        return sum(1 for record in urls.values() if "id" in record)

    proc = fetch_in_a_subprocess_until_it_asks(server, "/news/4", tmp_path)
    try:
        deadline = time.monotonic() + 60
        while stored_in_state() < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stored_in_state() == 3 and proc.poll() is None, proc.poll()
    finally:
        killed_outright(proc, release)

    listed = json.loads(reader_in_process("feed", "list", "--json").stdout)
    (feed,) = listed if isinstance(listed, list) else listed["feeds"]
    assert feed["stored"] == 3 and feed["status"] == "ok" and feed["stopped"] is True
    assert feed["fetching"] is False  # its run is gone: not "being fetched now"
    assert feed["last_fetched"] is not None
    shown = reader_in_process("feed", "list").stdout
    assert "not fetched yet" not in shown and "stopped before the end" in shown

    again = json.loads(reader_in_process("fetch", "--json").stdout)

    assert again["new"] == 1  # the late story alone: the feed was read in full, none stored twice
    assert "If-None-Match" not in server.requests("/rss.xml")[-1]
    assert len(list((tmp_path / "data" / "fetched").rglob("*.md"))) == 4


@pytest.mark.parametrize("as_json", [True, False])
def test_ctrl_c_while_reader_fetch_starts_says_nothing_was_fetched_in_one_line(fast_feeds_file, tmp_path, as_json):
    """ctrl+c while `reader fetch` started (the library opening, before any feed was asked) said
    "reader: interrupted" alone, and `--json` printed nothing: one line says what was done and not,
    and `--json` gives the run's report, valid JSON. A real SIGINT to a real process, sent once it
    says it is starting (a file it writes; no fixed sleep)."""
    import signal

    fast_feeds_file.write_text("feeds:\n  - url: http://127.0.0.1:9/feed.xml\n" + FAST_SETTINGS, encoding="utf-8")
    ready = tmp_path / "starting"
    code = (
        "import sys, time, pathlib\n"
        "import reader.commands.feeds as feeds\n"
        "from reader.console import entry\n"
        "def slow_start(args):\n"
        f"    pathlib.Path({str(ready)!r}).touch()\n"
        "    time.sleep(120)\n"
        "feeds._library_to_fetch_into = slow_start\n"
        f"sys.argv = ['reader', 'fetch'{', ' + repr('--json') if as_json else ''}]\n"
        "entry()\n"
    )
    proc = python_in_a_subprocess(["-c", code], tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ready.exists() and proc.poll() is None, proc.poll()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert err == "reader: interrupted before the fetch started: no feed was asked, the fetch state is unchanged\n"
    if as_json:
        report = json.loads(out)
        assert report["cancelled"] is True and report["started"] is False and report["feeds"] == []
    else:
        assert out == ""
    assert not (tmp_path / "data" / "fetch-state.json").exists()


def test_one_ctrl_c_stops_a_fetch_whose_state_is_read_from_a_hung_mount(fast_feeds_file, tmp_path):
    """The fetch state read from a hung mount (NFS, sshfs): ctrl+c only asked the run to stop,
    and the read, retried once the signal was handled, went on waiting: a second ctrl+c was
    needed. Nothing is asked before it is read: one interrupts at once, and says so. A named pipe
    no one writes to stands for the hung file (its read waits); a real SIGINT."""
    import errno
    import signal

    fast_feeds_file.write_text("feeds:\n  - url: http://127.0.0.1:9/feed.xml\n" + FAST_SETTINGS, encoding="utf-8")
    hung_file = tmp_path / "data" / "fetch-state.json"
    hung_file.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(hung_file)
    proc = python_in_a_subprocess(["-m", "reader", "fetch", "--json"], tmp_path)
    writer = None  # opened once the run opened the file to read it: its read then waits
    try:
        deadline = time.monotonic() + 60
        while writer is None and proc.poll() is None and time.monotonic() < deadline:
            try:
                writer = os.open(hung_file, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                assert exc.errno == errno.ENXIO  # no reader yet
                time.sleep(0.02)
        assert writer is not None and proc.poll() is None, proc.poll()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)  # (without the fix: still waiting, a second needed)
    finally:
        if writer is not None:
            os.close(writer)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert err.endswith(
        "reader: interrupted before the fetch started: no feed was asked, the fetch state is unchanged\n"
    )
    report = json.loads(out)
    assert report["cancelled"] is True and report["started"] is False and report["feeds"] == []
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["fetch-state.json"]  # no lock file, no note


def test_ctrl_c_while_the_fetch_state_loads_asks_nothing_and_saves_nothing(
    server, fast_feeds_file, reader_in_process, monkeypatch, isolated_dirs
):
    """ctrl+c while the run took the lock and read the state (a big one takes a second): the run
    stopped there said "0 new; stopped before the end: 1 feed not fetched" and wrote the state
    with the feed marked stopped. Nothing was asked: said in one line, the state file as it was."""
    import signal

    from reader.fetch.store import ArticleStore
    from test_fetch import serve_feed

    serve_feed(server, "/rss.xml", [])
    fast_feeds_file.write_text(f"feeds:\n  - url: {server.url('/rss.xml')}\n" + FAST_SETTINGS, encoding="utf-8")
    reader_in_process("fetch")
    state = isolated_dirs["data"] / "fetch-state.json"
    before = state.read_bytes()
    asked = len(server.requests("/rss.xml"))
    real_lock = ArticleStore.lock

    def lock(store, *args, **kwargs):
        real_lock(store, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # as ctrl+c would, the state just read

    monkeypatch.setattr(ArticleStore, "lock", lock)
    done = reader_in_process("fetch", "--all", "--json", check=False)

    assert done.returncode == 130
    assert done.stderr.endswith(
        "reader: interrupted before the fetch started: no feed was asked, the fetch state is unchanged\n"
    )
    assert json.loads(done.stdout)["started"] is False
    assert state.read_bytes() == before and len(server.requests("/rss.xml")) == asked
    from reader.fetch.run import FetchReport

    said = str(FetchReport(cancelled=True, started=False).summary())  # as the app's summary says it
    assert said == "0 new; stopped before any feed was asked (the fetch state is unchanged)"


def test_fetch_says_a_new_version_of_an_article_you_read_is_updated_since(server, reader_in_process, fast_feeds_file):
    """`reader fetch` listed "v2   Outlet: TITLE  ID" alike whether you had read version 1 or not;
    `reader list` marks it "(updated since you read it)", as the app's "Updated upstream" says."""
    from reader.state.marks import Mark, MarkStore

    outlet, title, paragraphs, date = seed_pages()[0]
    item = {"title": title, "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    feed = Reply(rss("Feed", [item]), content_type="application/rss+xml")
    server.route("/rss.xml", feed)
    server.route("/news/1", Reply(page(title, paragraphs)))
    reader_in_process("feed", "add", server.url("/rss.xml"))
    (first,) = json.loads(reader_in_process("fetch", "--json").stdout)["articles"]
    MarkStore(config.data_dir() / "marks.sqlite3", [config.fetched_corpus_dir()]).put({first["id"]: Mark(read=True)})
    edited = {**item, "description": "Updated: a correction."}
    server.route("/rss.xml", Reply(rss("Feed", [edited]), content_type="application/rss+xml"))
    server.route("/news/1", Reply(page(title, [*paragraphs, "Correction: the vote was eight to three."])))

    lines = reader_in_process("fetch", "--all").stdout.splitlines()

    (line,) = [line for line in lines if line.startswith("v2 ")]
    assert line.endswith("  (updated since you read it)") and title in line
    (listed,) = [a for a in json.loads(reader_in_process("list", "--json").stdout) if a["version"] == 2]
    assert listed["updated"] is True and line.split("  ")[-2] == listed["id"]
    # Not read before: no such words.
    server.route("/news/1", Reply(page(title, [*paragraphs, "Correction: eight to three, and two absent."])))
    server.route(
        "/rss.xml", Reply(rss("Feed", [{**item, "description": "Again."}]), content_type="application/rss+xml")
    )
    MarkStore(config.data_dir() / "marks.sqlite3", [config.fetched_corpus_dir()]).put({first["id"]: Mark()})
    (line,) = [line for line in reader_in_process("fetch", "--all").stdout.splitlines() if line.startswith("v3 ")]
    assert "updated since" not in line
    # --json says it as `list --json` does: `updated` of each article fetched (v2 fetched since,
    # unread; v1 read)
    (second,) = [a for a in json.loads(reader_in_process("list", "--json").stdout) if a["version"] == 3]
    MarkStore(config.data_dir() / "marks.sqlite3", [config.fetched_corpus_dir()]).put({second["id"]: Mark(read=True)})
    server.route("/news/1", Reply(page(title, [*paragraphs, "Correction: nine to two."])))
    server.route(
        "/rss.xml", Reply(rss("Feed", [{**item, "description": "Once more."}]), content_type="application/rss+xml")
    )
    (fourth,) = json.loads(reader_in_process("fetch", "--all", "--json").stdout)["articles"]
    listed = {a["id"]: a for a in json.loads(reader_in_process("list", "--json").stdout)}
    assert fourth["version"] == 4 and fourth["updated"] is True is listed[fourth["id"]]["updated"]
    assert list(fourth)[-1] == "updated"


def test_fetch_json_says_whether_an_article_is_updated_since_read_or_null_when_not_known(
    server, reader_in_process, fast_feeds_file
):
    outlet, title, paragraphs, date = seed_pages()[0]
    item = {"title": title, "link": server.url("/news/1"), "pubDate": "Tue, 21 Oct 2025 10:00:00 GMT"}
    server.route("/rss.xml", Reply(rss("Feed", [item]), content_type="application/rss+xml"))
    server.route("/news/1", Reply(page(title, paragraphs)))
    reader_in_process("feed", "add", server.url("/rss.xml"))
    (first,) = json.loads(reader_in_process("fetch", "--json").stdout)["articles"]
    assert first["updated"] is False  # a new article: never read as an older version
    marks = config.data_dir() / "marks.sqlite3"
    marks.unlink(missing_ok=True)
    marks.mkdir(parents=True)  # a folder where the marks file belongs: the marks cannot be read
    server.route("/news/1", Reply(page(title, [*paragraphs, "Correction: the vote was eight to three."])))
    server.route(
        "/rss.xml", Reply(rss("Feed", [{**item, "description": "Edited."}]), content_type="application/rss+xml")
    )
    (second,) = json.loads(reader_in_process("fetch", "--all", "--json").stdout)["articles"]
    assert second["version"] == 2 and second["updated"] is None


def test_fetch_progress_json_says_each_step_as_json_lines_on_stderr(server, reader_in_process, fast_feeds_file):
    """Off a terminal `reader fetch` drew no progress (a script or cron job saw nothing of a long
    run): `--progress json` gives `reader index`'s JSON lines for its steps, the fetch, then the
    indexing of what it stored; stdout keeps the report."""
    subscribed_to_one_seed_page(server, reader_in_process)
    result = reader_in_process("fetch", "--json", "--progress", "json")
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 1
    lines = [json.loads(line) for line in result.stderr.splitlines()]  # nothing else on stderr
    assert lines and all(set(line) == {"progress", "done", "total", "message"} for line in lines)
    steps = [line["progress"] for line in lines]
    assert steps[0] == "fetching" and "indexing" in steps
    assert steps.index("indexing") > max(i for i, step in enumerate(steps) if step == "fetching")
    pages = [line for line in lines if line["message"].startswith("pages")]
    assert pages and pages[-1]["done"] == pages[-1]["total"] == 1
    plain = reader_in_process("fetch", "--all", "--json")
    assert not [line for line in plain.stderr.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    "failing",
    [Reply("down", status=503, content_type="text/plain"), Reply("no", status=404, content_type="text/plain")],
)
def test_a_move_is_kept_through_a_failure_without_a_redirect_and_forgotten_when_the_old_address_answers(
    server, reader_in_process, fast_feeds_file, failing
):
    """A feed moved for good (301) whose old address then fails without a redirect kept the move
    in its state (`feed list` said it) while `fetch --json` gave `moved_to` null. The rule: a
    failure says nothing against a move for good, so it is kept and given by both, with when it was
    last answered; the old address serving the feed itself again forgets it."""
    serve_new = Reply(
        rss("New home", [{"title": "One", "link": server.url("/news/1")}]), content_type="application/rss+xml"
    )
    server.route("/new.xml", serve_new)
    server.route("/news/1", Reply(page("One", "A sentence of the story that is long enough to keep. " * 20)))
    server.route("/old.xml", Reply(status=301, headers={"Location": "/new.xml"}, content_type=None))
    reader_in_process("feed", "add", server.url("/old.xml"), "--no-check")
    (moved,) = json.loads(reader_in_process("fetch", "--json").stdout)["feeds"]
    assert moved["moved_to"] == server.url("/new.xml") and moved["moved_seen_at"]

    server.route("/old.xml", failing)
    (failed,) = json.loads(reader_in_process("fetch", "--json", "--all", check=False).stdout)["feeds"]
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert failed["status"] == "failed" and not failed["error"].startswith("moved for good")
    assert failed["moved_to"] == listed["moved_to"] == server.url("/new.xml")
    assert failed["moved_seen_at"] == listed["moved_seen_at"] == moved["moved_seen_at"]  # when it was answered
    assert "moved for good to " + server.url("/new.xml") in reader_in_process("feed", "list").stdout

    server.route("/old.xml", serve_new)  # the move undone: the old address serves the feed again
    (home,) = json.loads(reader_in_process("fetch", "--json", "--all").stdout)["feeds"]
    (listed,) = json.loads(reader_in_process("feed", "list", "--json").stdout)
    assert home["moved_to"] is listed["moved_to"] is None and listed["moved_seen_at"] is None


def test_a_feed_failing_for_now_says_when_it_is_asked_again_as_a_retry_after_does(
    server, reader_in_process, fast_feeds_file
):
    """A 503 with Retry-After said "will retry after 14:05"; a 500, a 503 without it, or a refused
    connection said nothing of the backoff reader gives them (the feed's `every`, doubling). Said
    in the failure line, `--json`'s `error` beside its `retry_at`, and `feed list`."""
    server.route("/down.xml", Reply("down", status=500, content_type="text/plain"))
    reader_in_process("feed", "add", server.url("/down.xml"), "--no-check")
    reader_in_process("feed", "add", "http://127.0.0.1:9/refused.xml", "--no-check")

    first = reader_in_process("fetch", check=False)
    assert f"failed {server.url('/down.xml')}: HTTP 500 Internal Server Error; will retry on the next run" in (
        first.stderr
    )
    assert "failed http://127.0.0.1:9/refused.xml: " in first.stderr
    assert first.stderr.count("; will retry on the next run") == 2, first.stderr

    report = json.loads(reader_in_process("fetch", "--json", "--all", check=False).stdout)
    for feed in report["feeds"]:
        retry_at = _dt.datetime.fromisoformat(feed["retry_at"]).timestamp()
        assert retry_at > time.time() + 30  # the feed's `every` (an hour here) at least
        assert feed["error"].endswith(f"; failed 2 runs in a row, will retry after {local_time(retry_at)}")
    listed = reader_in_process("feed", "list").stdout
    assert listed.count("failed 2 runs in a row, will retry after") == 2, listed


def test_feed_add_warns_of_a_feed_in_utf8_but_for_a_stray_byte_as_fetch_does(server, reader_in_process):
    # Only `fetch` said it: the user who added the feed heard nothing of why "ï" might read oddly.
    xml = rss("Planet", [{"title": "Café naXve", "link": server.url("/a")}]).encode().replace(b"X", b"\xef")
    server.route("/feed.xml", Reply(xml, content_type="application/rss+xml"))
    warning = f"{server.url('/feed.xml')}: 1 byte not valid UTF-8 (the first on line 1): read as cp1252"

    added = reader_in_process("feed", "add", server.url("/feed.xml"), "--json")

    assert [w.split(", the rest")[0] for w in json.loads(added.stdout)["warnings"]] == [warning]
    assert f"reader: warning: {warning}" in added.stderr
    again = json.loads(reader_in_process("feed", "add", server.url("/feed.xml"), "--json").stdout)
    assert again["already"] is True and again["warnings"] == []


def test_a_feed_answering_429_after_failing_runs_is_said_one_retry_time_the_later(
    server, reader_in_process, fast_feeds_file
):
    """A feed that failed 2 runs in a row then answered 429 (Retry-After: 60) was said "asked to
    wait 60 s; will retry after 15:05" (its backoff, an hour on), and the next `--all` said "not
    asked: its server asked to wait till 14:06": two times for one feed. One time is said
    everywhere, the later of the server's wait and reader's backoff, and the feed is held till it."""
    server.route(
        "/busy.xml",
        Reply("down", status=500, content_type="text/plain"),
        Reply("down", status=500, content_type="text/plain"),
        Reply("slow down", status=429, content_type="text/plain", headers={"Retry-After": "60"}),
    )
    reader_in_process("feed", "add", server.url("/busy.xml"), "--no-check")
    reader_in_process("fetch", check=False)
    reader_in_process("fetch", "--all", check=False)

    third = json.loads(reader_in_process("fetch", "--all", "--json", check=False).stdout)
    [feed] = third["feeds"]
    retry_at = _dt.datetime.fromisoformat(feed["retry_at"]).timestamp()
    assert retry_at > time.time() + 600  # the backoff (the feed's `every`, doubled), not the 60 s asked
    assert feed["error"] == (
        f"HTTP 429 Too Many Requests; failed 3 runs in a row, will retry after {local_time(retry_at)}"
    )
    held = reader_in_process("fetch", "--all", check=False)
    assert server.hits("/busy.xml") == 3  # held as said, --all or not
    # (a time of another day is said with its date: a run just before midnight)
    times = set(re.findall(r"\b(?:\d{4}-\d\d-\d\d )?\d\d:\d\d\b", held.stdout + held.stderr))
    assert times == {local_time(retry_at)}, held.stdout + held.stderr
    # Whose wait it is: reader's backoff, not the server's 60 s ("its server asked to wait till 15:05").
    assert "its server asked to wait till" not in held.stdout + held.stderr
    assert (
        f"not asked {server.url('/busy.xml')}: failed 3 runs in a row, will retry after {local_time(retry_at)} "
        "(later than the 60 s its server asked to wait, Retry-After)"
    ) in held.stderr, held.stderr
    plain = reader_in_process("fetch", check=False).stdout
    held_said = f"1 failing feed held till {local_time(retry_at)} by reader's backoff, later than its server's"
    assert f"; {held_said} Retry-After (--all waits too)" in plain, plain
    listed = reader_in_process("feed", "list").stdout
    assert set(re.findall(r"\b\d\d:\d\d\b", listed)) <= {local_time(retry_at), local_time(time.time())}, listed


def test_entries_of_one_text_under_other_guids_are_counted_not_stored_in_each_report(
    server, reader_in_process, fast_feeds_file
):
    """40 entries of one text under 40 guids stored 1 article and said nothing of the 39 others:
    the summary, `--json` (run's and feed's `same_text`) and the app's fetch report count them."""
    from reader.fetch.run import FetchReport, FeedResult
    from reader.tui.fetching import summary_text

    text = "The council met on the harbour budget and agreed to keep the ferry running all winter. " * 4
    items = [{"title": f"Entry {n}", "description": text, "guid": f"urn:entry:{n}"} for n in range(40)]
    server.route("/same.xml", Reply(rss("Same", items), content_type="application/rss+xml"))
    reader_in_process("feed", "add", server.url("/same.xml"), "--no-check")
    feeds_file = config.config_dir() / "feeds.yaml"
    feeds_file.write_text(feeds_file.read_text(encoding="utf-8") + "    articles: false\n", encoding="utf-8")

    done = reader_in_process("fetch", "--json")

    report = json.loads(done.stdout)
    assert (report["new"], report["same_text"]) == (1, 39)
    assert report["from_feed"] == 1  # the article kept from the feed's text; it counted all 40
    assert [feed["same_text"] for feed in report["feeds"]] == [39]
    server.route("/same.xml", Reply(rss("Same", items + [{**items[0], "guid": "urn:entry:40"}])))
    again = reader_in_process("fetch", "--all")
    assert "0 new in " in again.stdout
    assert "; 1 entry not stored: the same text as an article stored already" in again.stdout, again.stdout
    app = summary_text(FetchReport(feeds=[FeedResult("u", None, "ok")], same_text=39), shown=True)
    assert "39 entries not stored: the same text as an article stored already" in app


def test_a_linkless_item_whose_guid_changes_at_every_read_is_the_same_item_not_said_again(
    server, reader_in_process, fast_feeds_file
):
    """A feed that makes its guid anew at every read: its one linkless item said "1 entry not
    stored: the same text as an article stored already" at every run. Its text names it: no
    new article, and nothing said; an entry of that text listed beside it is still counted."""
    text = "The council met on the harbour budget and agreed to keep the ferry running all winter. " * 4
    item = {"title": "Harbour", "description": text}
    server.route("/renewed.xml", Reply(rss("Renewed", [{**item, "guid": "urn:read:1"}])))
    reader_in_process("feed", "add", server.url("/renewed.xml"), "--no-check")
    assert json.loads(reader_in_process("fetch", "--json").stdout)["new"] == 1
    for read in (2, 3):
        server.route("/renewed.xml", Reply(rss("Renewed", [{**item, "guid": f"urn:read:{read}"}])))
        again = reader_in_process("fetch", "--all", "--json")
        assert (json.loads(again.stdout)["new"], json.loads(again.stdout)["same_text"]) == (0, 0), again.stdout
        said = reader_in_process("fetch", "--all").stdout
        assert "same text" not in said and "0 new in " in said, said
    both = [{**item, "guid": "urn:read:3"}, {**item, "guid": "urn:read:4"}]
    server.route("/renewed.xml", Reply(rss("Renewed", both)))
    assert json.loads(reader_in_process("fetch", "--all", "--json").stdout)["same_text"] == 1


def test_a_feed_sent_uncompressed_under_content_encoding_gzip_is_stored_with_one_warning(
    server, reader_in_process, fast_feeds_file
):
    """It failed "broken compressed response (not a gzip stream (wrong header))" on every run."""
    text = "The council met on the harbour budget and agreed to keep the ferry running all winter. " * 4
    items = [{"title": f"Entry {n}", "description": f"{n}. {text}", "guid": f"urn:entry:{n}"} for n in range(3)]
    server.route(
        "/feed.xml",
        Reply(rss("Plain", items), content_type="application/rss+xml", headers={"Content-Encoding": "gzip"}),
    )
    reader_in_process("feed", "add", server.url("/feed.xml"), "--no-check")
    feeds_file = config.config_dir() / "feeds.yaml"
    feeds_file.write_text(feeds_file.read_text(encoding="utf-8") + "    articles: false\n", encoding="utf-8")

    done = reader_in_process("fetch")

    warning = (
        f"{server.url('/feed.xml')}: the server said the feed was gzip-compressed (Content-Encoding: gzip), "
        "but it came uncompressed: read as it came"
    )
    assert done.stdout.count("new  Plain: ") == 3 and done.stderr.count("warning: ") == 1
    assert f"reader: warning: {warning}" in done.stderr
    report = json.loads(reader_in_process("fetch", "--all", "--json").stdout)
    assert report["warnings"] == [warning] and report["feeds"][0]["status"] == "ok"
    assert reader_in_process("fetch", "--all", "--quiet").stderr == ""


@pytest.mark.parametrize("mode", ["default", "--quiet", "--verbose"])
def test_quiet_default_and_verbose_say_one_feed_all_feeds_failures_and_nothing_new_alike(
    server, reader_in_process, fast_feeds_file, mode
):
    """--quiet is errors only (curl -sS): it said nothing of a feed named on the command line that
    failed for now or was not asked (its server asked to wait), though that fetch was not done.
    The exit status is the same in each mode; only what is said differs."""
    text = "The council met on the harbour budget and agreed to keep the ferry running all winter. " * 4
    server.route("/ok.xml", Reply(rss("Ok", [{"title": "One", "description": text, "guid": "urn:1"}]), etag='"1"'))
    server.route("/blip.xml", Reply("down", status=503, content_type="text/plain"))
    for path in ("/ok.xml", "/blip.xml"):
        reader_in_process("feed", "add", server.url(path), "--no-check")
    flags = [] if mode == "default" else [mode]
    quiet = mode == "--quiet"

    def run(*args):
        done = reader_in_process("fetch", *flags, *args, check=False)
        return done.returncode, done.stdout, done.stderr

    blip, held = server.url("/blip.xml"), server.url("/held.xml")
    status, out, err = run()  # all feeds: a 503 is a failure for now, asked again next run
    assert status == 0
    if quiet:
        assert (out, err) == ("", "")  # a blip is no news for cron
    else:
        assert "1 new from 1 outlet" in out and f"failed {blip}: HTTP 503" in err
    status, out, err = run(blip)  # named, failing for now
    assert status == 0 and f"failed {blip}: HTTP 503 Service Unavailable" in err
    assert out == "" if quiet else "1 feed failed" in out
    status, out, err = run(server.url("/ok.xml"))  # named, nothing new
    assert (status, err) == (0, "")
    assert out == "" if quiet else out.startswith("0 new in ")
    server.route("/held.xml", Reply("slow down", status=429, content_type="text/plain", headers={"Retry-After": "600"}))
    reader_in_process("feed", "add", held, "--no-check")
    status, out, err = run(held)
    assert status == 0 and f"failed {held}: HTTP 429 Too Many Requests" in err
    status, out, err = run(held)  # named, not asked: its server asked to wait
    assert status == 0 and f"not asked {held}: its server asked to wait till " in err
    assert out == "" if quiet else "1 feed not asked" in out


def test_a_subscribed_feed_named_without_its_scheme_is_fetched(server, reader_in_process, fast_feeds_file):
    """`reader fetch 127.0.0.1:PORT/feed.xml`, as a browser's bar shows the address, was refused
    "not an http(s) URL" though that feed is subscribed; one not subscribed still is, with its hint."""
    text = "The council met on the harbour budget and agreed to keep the ferry running all winter. " * 4
    server.route("/feed.xml", Reply(rss("Ok", [{"title": "One", "description": text, "guid": "urn:1"}])))
    reader_in_process("feed", "add", server.url("/feed.xml"), "--no-check")

    done = reader_in_process("fetch", server.url("/feed.xml").removeprefix("http://"))

    assert "1 new from 1 outlet" in done.stdout and server.hits("/feed.xml") == 1
    other = reader_in_process("fetch", server.url("/other.xml").removeprefix("http://"), check=False)
    assert other.returncode == 2 and "not an http(s) URL: 127.0.0.1:" in other.stderr


def test_feed_add_warns_of_a_subscription_differing_only_by_a_slash_or_case(reader_in_process):
    """…/rss and …/rss/ were two subscriptions and said nothing: every article fetched twice.
    They stay two (a server may serve them apart); the second add says the first is there."""
    reader_in_process("feed", "add", "https://example.com/rss", "--no-check")
    added = reader_in_process("feed", "add", "https://example.com/RSS/", "--no-check")
    assert added.stdout == "subscribed to https://example.com/RSS/\n"
    assert added.stderr == (
        "reader: warning: https://example.com/rss is subscribed too, differing only by a trailing / or letter "
        "case; if it is the same feed, unsubscribe one with: reader feed remove https://example.com/rss\n"
    )
    other = reader_in_process("feed", "add", "https://example.com/rss?page=2", "--no-check")
    assert other.stderr == ""  # another query is another feed
