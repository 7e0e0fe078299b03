"""The outlets registry: shipped contents, look-ups, and the user's extensions and overrides."""

from __future__ import annotations

import os
import threading

import pytest
import yaml

from reader.corpus import outlets as outlets_module
from reader.corpus.clean import clean_and_infer
from reader.corpus.outlets import SHIPPED_PATH, default_registry, host_of, load_registry, name_key, site_name

MAJOR = [
    "Fox News",
    "The Moscow Times",
    "Associated Press",
    "Reuters",
    "BBC News",
    "CNN",
    "The New York Times",
    "The Washington Post",
    "The Guardian",
    "HuffPost",
    "NPR",
    "Politico",
    "Bloomberg",
    "The Wall Street Journal",
    "Al Jazeera",
    "Axios",
    "The Hill",
    "NBC News",
    "CBS News",
    "ABC News",
    "USA Today",
    "Breitbart News",
    "Daily Mail",
]


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    path = tmp_path / "my-config"
    path.mkdir()
    monkeypatch.setenv("READER_CONFIG_DIR", str(path))
    return path


@pytest.fixture(scope="module")
def registry():
    return load_registry(use_user_file=False)


def write_user(config_dir, data) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    (config_dir / "outlets.yaml").write_text(text, encoding="utf-8")


# -- shipped ------------------------------------------------------------------------------------
def test_shipped_registry_loads_cleanly_with_rules_for_the_major_outlets(registry):
    assert registry.problems == []
    for name in MAJOR:
        outlet = registry.get(name)
        assert outlet is not None and outlet.name == name, name
        assert outlet.domains, name
        rule_count = len(outlet.rules.drop_lines) + len(outlet.rules.teaser) + len(outlet.rules.appeal)
        assert rule_count >= 1, name
    assert registry.generic.drop_lines and registry.generic.appeal


def test_shipped_file_is_plain_yaml_with_a_documented_header():
    text = SHIPPED_PATH.read_text(encoding="utf-8")
    assert "!!python" not in text
    header = text.split("\ngeneric:")[0]
    for word in ("drop_lines", "teaser", "appeal", "cut", "signatures", "aliases", "domains", "replace"):
        assert word in header
    yaml.safe_load(text)


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Fox News", "Fox News"),
        ("fox", "Fox News"),
        ("FOX NEWS CHANNEL", "Fox News"),
        ("FoxNews.com", "Fox News"),
        ("Huffington Post", "HuffPost"),
        ("The Huffington Post", "HuffPost"),
        ("huff-post", "HuffPost"),
        ("nyt", "The New York Times"),
        ("New York Times", "The New York Times"),
        ("Moscow Times", "The Moscow Times"),
        ("The Associated Press", "Associated Press"),
        ("www.bbc.co.uk", "BBC News"),
        ("  Riverside   Gazette ", "Riverside Gazette"),
    ],
)
def test_canonical_names(registry, given, expected):
    assert registry.canonical(given) == expected


def test_canonical_of_nothing_is_none(registry):
    assert registry.canonical(None) is None
    assert registry.canonical("   ") is None


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.foxnews.com/politics/trump-putin", "Fox News"),
        ("http://edition.cnn.com/2024/01/01/x.html", "CNN"),
        ("https://abcnews.go.com/US/story", "ABC News"),
        ("https://www.theguardian.com/world/2024/jan/01/x", "The Guardian"),
        ("foxnews.com/politics", "Fox News"),
        ("https://notfoxnews.com/x", None),
        ("https://foxnews.com.evil.example/x", None),
        ("http://[::1", None),
        ("//www.nytimes.com/2024/x.html", "The New York Times"),
        ("HTTPS://www.nytimes.com/x", "The New York Times"),
        # Only a web page's address names an outlet by its host.
        ("javascript://nytimes.com/%0Aalert(1)", None),
        ("file://nytimes.com/x", None),
        ("ftp://ftp.nytimes.com/x", None),
        ("mailto://letters@nytimes.com", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_outlet_from_url(registry, url, expected):
    outlet = registry.from_url(url)
    assert (outlet.name if outlet else None) == expected


def test_host_of_tolerates_garbage():
    assert host_of("https://WWW.Example.COM./x") == "www.example.com"
    assert host_of("http://[::1") is None
    assert host_of(None) is None


def test_outlet_from_signatures(registry):
    fox = "Officials spoke on Tuesday.\n\nFox News' Jane Roe contributed to this report."
    assert registry.from_text(fox).name == "Fox News"
    wire = "MOSCOW (AP) — Officials spoke on Tuesday."
    assert registry.from_text(wire).name == "Associated Press"
    # another outlet named in the reporting is not a signature
    assert registry.from_text("The senator told Fox News on Tuesday that she would run.") is None
    assert registry.from_text("The Associated Press contributed to this report.") is None


@pytest.mark.parametrize(
    "dateline",
    ["SÃO PAULO (AP) —", "ŁÓDŹ (AP) —", "КИЇВ (AP) —", "KANSAS CITY, Mo. (AP) —", "KYIV, Ukraine (AP) —"],
)
def test_a_wire_dateline_names_its_agency_whatever_the_place_is_written_with(registry, dateline):
    assert registry.from_text(f"{dateline} Officials spoke on Tuesday.").name == "Associated Press"
    # only where a dateline stands: at the start of a line
    assert registry.from_text(f"Officials said {dateline} nothing.") is None


@pytest.mark.parametrize(
    "text, agency",
    [
        ("MÜNCHEN, 21. Oktober (dpa) – Der Stadtrat hat abgestimmt.", "Deutsche Presse-Agentur"),
        ("Madrid, 21 oct (EFE).- El concejo votó.", "Agencia EFE"),
        ("ROMA, 21 OTT - (ANSA) - Il consiglio ha votato.", "ANSA"),
        ("MADRID, 21 (EUROPA PRESS) - El concejo votó.", "Europa Press"),
        ("МОСКВА, 21 октября. /ТАСС/. Совет проголосовал.", "TASS"),
    ],
)
def test_the_credit_in_a_dateline_names_a_news_agency_of_another_language(registry, text, agency):
    assert registry.from_text(text).name == agency
    # named in the reporting, it is no signature
    assert registry.from_text(f"Der Stadtrat berief sich auf {agency}.") is None


def test_signature_tie_names_no_outlet(registry):
    text = "A Message from The Moscow Times: give.\nNEW You can now listen to Fox News articles!"
    assert registry.from_text(text) is None


def test_name_key_ignores_case_punctuation_and_the():
    assert name_key("The Wall Street Journal") == name_key("wall-street journal")


# -- the user's file ----------------------------------------------------------------------------
def test_user_file_adds_an_outlet_with_rules(config_dir):
    write_user(
        config_dir,
        {
            "outlets": [
                {
                    "name": "Riverside Gazette",
                    "aliases": ["The Gazette"],
                    "domains": ["www.riverside-gazette.example", "https://www.gazette-news.example/home"],
                    "signatures": ["gazette staff report"],
                    "drop_lines": ["support local news[.!]?"],
                    "teaser": [r"GAZETTE EXCLUSIVE:\s*"],
                    "appeal": ["more from the gazette"],
                }
            ]
        },
    )
    registry = load_registry()
    assert registry.problems == []
    assert registry.canonical("the gazette") == "Riverside Gazette"
    assert registry.from_url("https://riverside-gazette.example/a").name == "Riverside Gazette"
    assert registry.from_url("http://sport.gazette-news.example/b").name == "Riverside Gazette"
    body = (
        "GAZETTE EXCLUSIVE: The mayor resigned.\n\nSupport local news!\n\nShe will stay on.\n\n"
        "More from the Gazette\nLink one"
    )
    text, meta, inferred = clean_and_infer(
        body + "\n\nGazette staff report", {}, source_name="a.txt", registry=registry
    )
    assert text == "The mayor resigned.\n\nShe will stay on."
    assert meta["outlet"] == "Riverside Gazette" and "outlet" in inferred


def test_user_file_extends_a_shipped_outlet(config_dir):
    write_user(
        config_dir,
        {"outlets": [{"name": "fox news", "aliases": ["Fox Nation"], "drop_lines": ["fox nation exclusive"]}]},
    )
    registry = load_registry()
    fox = registry.get("Fox Nation")
    assert fox.name == "Fox News"
    assert "FoxNews" in fox.aliases  # shipped aliases kept
    text = clean_and_infer(
        "The mayor resigned.\nFox Nation exclusive\nCLICK HERE TO GET THE FOX NEWS APP",
        {"outlet": "Fox News"},
        source_name="a.txt",
        registry=registry,
    )[0]
    assert text == "The mayor resigned."


def test_user_file_replaces_a_shipped_outlets_rules(config_dir):
    write_user(config_dir, {"outlets": [{"name": "Fox News", "replace": True, "drop_lines": []}]})
    registry = load_registry()
    text = clean_and_infer(
        "The mayor resigned.\n\nGET THE FOX NEWS APP", {"outlet": "Fox News"}, source_name="a.txt", registry=registry
    )[0]
    assert text.endswith("GET THE FOX NEWS APP")
    assert registry.get("Fox News").domains == ["foxnews.com", "foxbusiness.com"]  # not given: kept


def test_user_generic_rules_are_added(config_dir):
    write_user(config_dir, {"generic": {"drop_lines": ["this story was automatically generated"]}})
    registry = load_registry()
    text = clean_and_infer(
        "The mayor resigned.\nThis story was automatically generated\nRemind me later.",
        {},
        source_name="a.txt",
        registry=registry,
    )[0]
    assert text == "The mayor resigned."


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("outlets: [unclosed", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("outlets:\n  - aliases: [nameless]\n", "needs a 'name'"),
        ("generic:\n  drop_lines: ['(unbalanced']\n", "bad pattern"),
        ("outlets:\n  - name: X\n    drop_lines: 42\n", "expected a list, not a number"),
        ("outlets:\n  - name: X\n    leaning: {a: 1}\n", "not a mapping"),
        ("colours: red\n", "unknown top-level key"),
    ],
)
def test_a_broken_user_file_is_reported_and_the_shipped_rules_still_work(config_dir, content, fragment):
    write_user(config_dir, content)
    registry = load_registry()
    assert any(fragment in problem for problem in registry.problems), registry.problems
    assert all("\n" not in problem for problem in registry.problems)
    assert registry.canonical("fox") == "Fox News"
    text = clean_and_infer("The mayor resigned.\nRemind me later.", {}, source_name="a.txt", registry=registry)[0]
    assert text == "The mayor resigned."


def test_a_misspelt_rule_key_is_named_with_the_one_meant(config_dir):
    """`drop_line:` (for drop_lines) under generic or an outlet was passed over without a word, its
    rules never used: each unknown key is named, with the key it is like, and the rest still work."""
    write_user(
        config_dir,
        "generic:\n  drop_line: ['remind me later']\n  teaser: ['Breaking: ']\n"
        "outlets:\n  - name: Riverside Gazette\n    domain: [riverside.example]\n    colour: red\n",
    )
    registry = load_registry()
    path = config_dir / "outlets.yaml"
    said = [
        f"{path}: line 2: generic: unknown key 'drop_line' ignored; did you mean 'drop_lines'?",
        f"{path}: line 6: outlets[0]: unknown key 'domain' ignored; did you mean 'domains'?",
        f"{path}: line 7: outlets[0]: unknown key 'colour' ignored; known keys: name, aliases, domains, leaning, "
        "signatures, replace, drop_lines, teaser, appeal, cut",
    ]
    assert registry.problems == said
    assert load_registry().problems == said  # parsed from the cache dir's copy, the lines still told
    assert registry.get("Riverside Gazette") is not None
    assert clean_and_infer("Breaking: The mayor resigned.", {}, source_name="a.txt", registry=registry)[0] == (
        "The mayor resigned."
    )


def test_an_unknown_key_of_a_later_outlet_and_at_the_top_is_told_with_its_line(config_dir):
    """The line of the key as written: the second outlet's, and a top-level key's (as other
    config warnings say where to look: "feeds.yaml: line 7: ...")."""
    write_user(
        config_dir,
        "# mine\noutlets:\n  - name: A\n  - name: B\n    aliases: [b]\n    drop_line: [x]\ncolours: red\n",
    )
    path = config_dir / "outlets.yaml"
    assert load_registry().problems == [
        f"{path}: line 7: unknown top-level key(s) 'colours' ignored",
        f"{path}: line 6: outlets[1]: unknown key 'drop_line' ignored; did you mean 'drop_lines'?",
    ]


def test_the_lines_of_unknown_keys_of_many_outlets_come_from_one_reading(config_dir, monkeypatch):
    """Each outlet with an unknown key composed the whole file again for its line: 1,000 such
    outlets took 258 s to load (4 s without the keys). The file is composed once."""
    text = "outlets:\n" + "".join(f"  - name: Outlet {i}\n    drop_line: [x]\n" for i in range(5))
    write_user(config_dir, text)
    composed = []
    real = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda *a, **k: composed.append(1) or real(*a, **k))
    problems = load_registry().problems
    assert [problem.split(": ")[1] for problem in problems] == [f"line {2 * i + 3}" for i in range(5)]
    assert len(composed) == 1


def test_a_bad_pattern_drops_only_that_rule(config_dir):
    write_user(config_dir, {"generic": {"drop_lines": ["(bad", "good line"]}})
    registry = load_registry()
    assert len(registry.problems) == 1
    text = clean_and_infer("Kept.\nGood line", {}, source_name="a.txt", registry=registry)[0]
    assert text == "Kept."


def test_default_registry_follows_changes_to_the_user_file(config_dir):
    outlets_module._cache.clear()
    assert default_registry().get("Riverside Gazette") is None
    write_user(config_dir, {"outlets": [{"name": "Riverside Gazette"}]})
    path = config_dir / "outlets.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert default_registry().get("Riverside Gazette") is not None
    assert default_registry() is default_registry()


def test_a_held_registry_is_not_looked_up_again_until_it_is_let_go(config_dir, monkeypatch):
    outlets_module._cache.clear()
    lookups = []
    real_config_dir = outlets_module.config.config_dir
    monkeypatch.setattr(outlets_module.config, "config_dir", lambda: lookups.append(1) or real_config_dir())
    with outlets_module.registry_held() as held:
        assert default_registry() is held and default_registry() is held
        assert len(lookups) == 1  # the hold's own look, none per call
        write_user(config_dir, {"outlets": [{"name": "Riverside Gazette"}]})
        assert default_registry().get("Riverside Gazette") is None  # held: not seen yet
        seen_elsewhere = []
        thread = threading.Thread(target=lambda: seen_elsewhere.append(default_registry()))
        thread.start()
        thread.join()
        assert seen_elsewhere[0].get("Riverside Gazette") is not None  # other threads look
    assert default_registry().get("Riverside Gazette") is not None  # let go: looked up again


def test_loading_a_batch_of_files_looks_up_the_outlets_once(tmp_path, monkeypatch):
    from reader.index import store

    for n in range(5):
        (tmp_path / f"a{n}.md").write_text(f"---\ntitle: T{n}\n---\nSome text {n} here.\n", encoding="utf-8")
    lookups = []
    real_config_dir = outlets_module.config.config_dir
    monkeypatch.setattr(outlets_module.config, "config_dir", lambda: lookups.append(1) or real_config_dir())
    jobs = [(f"a{n}.md", str(tmp_path / f"a{n}.md"), str(tmp_path), [n], None) for n in range(5)]
    records = store.load_files(jobs, quotes=False, stories=False)
    assert [r["articles"][0]["title"] for r in records] == [f"T{n}" for n in range(5)]
    assert len(lookups) == 1


def test_signatures_of_a_long_text_are_looked_for_at_its_ends_only(registry):
    filler = "The council met again and talked about the bridge for hours.\n" * 600
    assert len(filler) > 2 * outlets_module.SIGNATURE_WINDOW
    middle = filler + "A Message from The Moscow Times:\n" + filler
    assert registry.from_text(middle) is None
    end = filler + filler + "A Message from The Moscow Times:\nPlease give."
    assert registry.from_text(end).name == "The Moscow Times"


def test_user_signatures_with_alternatives_and_groups_all_count(config_dir):
    write_user(
        config_dir,
        {
            "outlets": [
                {"name": "Riverside Gazette", "signatures": ["gazette staff report|riverside wire service"]},
                {"name": "Hilltop Herald", "signatures": ["hilltop herald'?s? (?:staff|desk)"]},
            ]
        },
    )
    registry = load_registry()
    assert registry.from_text("Text.\nRiverside Wire Service").name == "Riverside Gazette"
    assert registry.from_text("Text.\nGazette staff report").name == "Riverside Gazette"
    assert registry.from_text("Text.\nHilltop Herald desk").name == "Hilltop Herald"
    assert registry.from_text("Text.\nhilltop heralds staff").name == "Hilltop Herald"


# -- the parsed YAML kept in the cache dir, patterns compiled on use ---------------------------
def test_every_shipped_pattern_compiles(registry):
    """Shipped patterns are compiled when first used (LazyPattern): a bad one is caught here."""
    patterns = [p for kind in outlets_module.RULE_KINDS for p in getattr(registry.generic, kind)]
    for outlet in registry.outlets:
        patterns += outlet.signatures + [p for kind in outlets_module.RULE_KINDS for p in getattr(outlet.rules, kind)]
    assert len(patterns) > 100
    for pattern in patterns:
        assert pattern.compiled().pattern == pattern.pattern
        assert pattern.compiled().flags == pattern.flags


def rewrite_user_same_size(config_dir, before: list[str], after: list[str]) -> None:
    """The user's Riverside Gazette rules replaced by others of the same length, the file's time
    moved on: only the time tells the file changed."""
    assert [len(p) for p in before] == [len(p) for p in after]
    path = config_dir / "outlets.yaml"
    size = path.stat().st_size
    write_user(config_dir, {"outlets": [{"name": "Riverside Gazette", "drop_lines": after}]})
    assert path.stat().st_size == size
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def _registry_view(registry) -> list:
    return [
        (
            o.name,
            o.aliases,
            o.domains,
            o.leaning,
            [p.pattern for p in o.signatures],
            [[p.pattern for p in getattr(o.rules, kind)] for kind in outlets_module.RULE_KINDS],
        )
        for o in registry.outlets
    ] + [[p.pattern for p in getattr(registry.generic, kind)] for kind in outlets_module.RULE_KINDS]


def test_the_parsed_files_are_kept_and_used_while_they_are_unchanged(config_dir, tmp_path, monkeypatch):
    from reader import yamlsafe

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    write_user(config_dir, {"outlets": [{"name": "Riverside Gazette", "drop_lines": ["support local news[.!]?"]}]})
    first = load_registry()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["outlets-shipped.bin", "outlets-user.bin"]
    parsed = []
    real_load = yamlsafe.load
    monkeypatch.setattr(yamlsafe, "load", lambda text: parsed.append(1) or real_load(text))
    again = load_registry()  # as a new process would: from the kept copies
    assert parsed == [] and _registry_view(again) == _registry_view(first) and again.problems == first.problems
    body = "The mayor resigned.\n\nSupport local news!\n\nAnd the other rule?\n\nShe will stay on."
    assert (
        "Support local news!"
        not in clean_and_infer(body, {"outlet": "Riverside Gazette"}, source_name="a.md", registry=again)[0]
    )
    # The user changes a rule: the next load (the next `reader index`) reads the file again.
    rewrite_user_same_size(config_dir, ["support local news[.!]?"], ["and the other rule[?]!?"])
    changed = load_registry()
    assert parsed == [1]  # the user's file only; the shipped one is unchanged
    text = clean_and_infer(body, {"outlet": "Riverside Gazette"}, source_name="a.md", registry=changed)[0]
    assert "Support local news!" in text and "And the other rule?" not in text
    # A damaged copy is parsed again (and replaced); so is a file marshal cannot keep (a date).
    (tmp_path / "cache" / "outlets-shipped.bin").write_bytes(b"\x00damaged")
    assert _registry_view(load_registry(use_user_file=False)) == _registry_view(load_registry(use_user_file=False))
    assert parsed == [1, 1]
    write_user(config_dir, "outlets:\n  - name: Dated Daily\n    leaning: 2024-01-01\n")
    dated = load_registry()
    assert dated.get("Dated Daily") is not None and dated.problems  # a date is no leaning label
    assert load_registry().problems == dated.problems and parsed == [1, 1, 1, 1]  # parsed each time


def test_an_index_update_sees_a_changed_rule_file(config_dir, tmp_path, monkeypatch):
    """Each `reader index` is a new process: the registry comes from the kept copy until the
    user's file changes, then from the file."""
    from reader.index import CorpusIndex

    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.md"
    body = "---\ntitle: Mayor quits\noutlet: Riverside Gazette\n---\n\nThe mayor resigned.\n\n{}\n\nShe stays on.\n"
    article.write_text(body.format("Support local news!"), encoding="utf-8")
    write_user(config_dir, {"outlets": [{"name": "Riverside Gazette", "drop_lines": ["support local news[.!]?"]}]})
    index = CorpusIndex([corpus], tmp_path / "index")
    outlets_module._cache.clear()
    index.update()
    assert "Support local news" not in index.get("a").text
    rewrite_user_same_size(config_dir, ["support local news[.!]?"], ["read more here now[.!]?"])
    article.write_text(body.format("Read more here now!") + "\nSupport local news!\n", encoding="utf-8")
    outlets_module._cache.clear()  # a new process
    assert index.update().notice == "index rebuilt: your outlets.yaml changed since the last update"
    text = index.get("a").text
    assert "Read more here now" not in text and "Support local news!" in text
    index.close()


def test_the_user_file_saved_again_unchanged_rebuilds_nothing(tmp_path, config_dir):
    # Its time was its stamp: a `touch`, an editor saving the same text or a checkout rebuilt
    # the whole index (minutes at 10,000 articles), and the readers said it was out of date.
    import os

    from test_index_helpers import write_article

    from reader.library import Library

    corpus = tmp_path / "corpus"
    write_article(corpus, "a", "Council votes", "Riverside Gazette", "2025-10-01", "The council voted.")
    write_user(config_dir, {"generic": {"drop_lines": ["brought to you by acme widgets\\."]}})
    index = tmp_path / "index"
    assert Library([corpus], index).update().indexed == 1
    path = config_dir / "outlets.yaml"
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))
    notices: list[str] = []
    reading = Library([corpus], index, on_notice=notices.append)
    reading.open_for_reading()
    reading.articles()
    assert notices == []
    report = Library([corpus], index).update()
    assert report.notice is None and (report.indexed, report.unchanged) == (0, 1)
    path.write_text(path.read_text() + "# a comment\n")  # changed bytes: rebuilt, as before
    assert Library([corpus], index).update().notice == "index rebuilt: your outlets.yaml changed since the last update"


def test_a_change_to_the_user_file_rebuilds_the_index(tmp_path, config_dir):
    # Every indexed article was cleaned and named by the rules of its update: a new rule did not
    # reach the articles of files that did not change (`reader index`: "60 unchanged"; only
    # --rebuild applied it). The readers say the index is out of date until an update.
    from test_index_helpers import write_article

    from reader.library import Library

    corpus = tmp_path / "corpus"
    write_article(
        corpus,
        "a",
        "Council votes",
        "Riverside Gazette",
        "2025-10-01",
        "The council voted.\n\nBrought to you by Acme Widgets.",
    )
    index = tmp_path / "index"

    def text() -> str:
        return Library([corpus], index).article("a").text

    Library([corpus], index).update()
    assert "Acme Widgets" in text()

    write_user(config_dir, {"generic": {"drop_lines": ["brought to you by acme widgets\\."]}})
    notices: list[str] = []
    reading = Library([corpus], index, on_notice=notices.append)
    reading.open_for_reading()
    reading.articles()
    assert notices and "your outlets.yaml changed since the index was last updated" in notices[0]

    report = Library([corpus], index).update()
    assert report.notice == "index rebuilt: your outlets.yaml changed since the last update"
    assert "Acme Widgets" not in text()
    again = Library([corpus], index).update()
    assert again.notice is None and again.unchanged == 1 and again.indexed == 0

    (config_dir / "outlets.yaml").unlink()  # back to the shipped rules: rebuilt again
    assert Library([corpus], index).update().notice == "index rebuilt: your outlets.yaml changed since the last update"
    assert "Acme Widgets" in text()


def test_a_kept_copys_temp_file_a_killed_writer_left_is_removed_by_the_next_writer(config_dir, tmp_path, monkeypatch):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its pid is a writer that is gone
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    cache.mkdir(exist_ok=True)
    left = [f"outlets-user.bin.tmp{child.pid}", f"outlets-shipped.bin.tmp{child.pid}"]
    kept = [f"outlets-user.bin.tmp{os.getppid()}", "outlets-user.bin.tmp", "notes.tmp1", "outlets-user.bin.bak"]
    for name in left + kept:
        (cache / name).write_bytes(b"half written")
    write_user(config_dir, {"outlets": [{"name": "Riverside Gazette"}]})
    load_registry()
    names = {p.name for p in cache.iterdir()}
    assert not names & set(left)
    assert set(kept) <= names  # a live writer's, and names that are not ours


@pytest.mark.parametrize(
    "url, site",
    [
        ("https://EXAMPLE.COM:8080/a", "example.com"),
        ("http://evil@smalltown-news.org/a", "smalltown-news.org"),  # userinfo is no host
        ("https://www.smh.com.au/a", "smh.com.au"),
        # an international name, written as a reader writes it or as DNS does, is one site
        ("https://café.fr/a", "café.fr"),
        ("https://xn--caf-dma.fr/a", "café.fr"),
        # a look-alike of an ASCII name is shown in the form that tells it apart
        ("https://exаmple.com/a", "xn--exmple-4nf.com"),
        ("https://xn--exmple-4nf.com/a", "xn--exmple-4nf.com"),
        # a version label before a country's second level is the site's own name
        ("https://www.co.uk/", "www.co.uk"),
        # no web page's address, or no name DNS takes
        ("javascript://example.com/%0aalert(1)", None),
        ("javascript:alert(1)//example.com", None),
        ("mailto:editor@example.com", None),
        ("file://example.com/etc/passwd", None),
        ("ftp://example.com/a", None),
        ("https://ex%41mple.com/a", None),
        ("https://exam ple.com/a", None),
        ("https://exa\u202emple.com/a", None),
        ("https://example.com\\@evil.com/a", None),  # a browser goes to example.com, urlsplit says evil.com
        ("https://0x7f.1/a", None),
        ("https://xn--zz.com/a", None),  # no name encodes to it
    ],
)
def test_a_sites_name_is_a_web_hosts_and_readable_without_being_faked(url, site):
    """site_name named 'ex%41mple.com', 'exam ple.com', '0x7f.1', the host of a javascript: or
    mailto: address, 'co.uk' for www.co.uk, and 'xn--caf-dma.fr' for café.fr (which it named none)."""
    assert site_name(url) == site


@pytest.mark.parametrize(
    "url, site",
    [
        # a subdomain the registry does not know is its registrable domain's site (the Public Suffix List's)
        ("https://news.example.co.uk/a", "example.co.uk"),
        ("https://www.example.co.uk/a", "example.co.uk"),
        ("https://live.news.harbour-ledger.com.au/a", "harbour-ledger.com.au"),
        ("https://news.xn--caf-dma.fr/a", "café.fr"),
        # a host that gives out names: each name its own site
        ("https://jane.blogspot.com/2025/a", "jane.blogspot.com"),
        # and one the list does not name: a newsletter or a blog is its writer's, not the host's
        ("https://jane.substack.com/p/a", "jane.substack.com"),
        ("https://www.jane.substack.com/p/a", "jane.substack.com"),
        ("https://news.jane.wordpress.com/a", "jane.wordpress.com"),
        ("https://towards.medium.com/a", "towards.medium.com"),
        # a subdomain the registry names an outlet by stays itself (not go.com, not sky.com)
        ("https://abcnews.go.com/a", "abcnews.go.com"),
        ("https://news.sky.com/a", "news.sky.com"),
        ("https://weather.sky.com/a", "sky.com"),
        # an ending no public suffix is (a test domain): the host, past its www.
        ("https://www.desk.riverside.example/a", "desk.riverside.example"),
    ],
)
def test_an_unknown_sites_subdomains_are_one_site(url, site):
    """news.example.co.uk and www.example.co.uk were two outlets, edition.cnn.com another than
    cnn.com where the registry knew neither."""
    assert site_name(url, load_registry(use_user_file=False)) == site


@pytest.mark.parametrize(
    "url, site",
    [
        # a host that keeps many sites under paths: each site is named by its path
        ("https://sites.google.com/view/riverside-club/home", "sites.google.com/view/riverside-club"),
        ("https://sites.google.com/View/Riverside-Club", "sites.google.com/view/riverside-club"),
        ("https://sites.google.com/site/harbourschool/news?p=1#top", "sites.google.com/site/harbourschool"),
        ("sites.google.com/a/example.edu/chess/page", "sites.google.com/a/example.edu/chess"),
        (
            "https://web.archive.org/web/2020/https://sites.google.com/view/riverside-club/x",
            "sites.google.com/view/riverside-club",
        ),
        ("https://medium.com/@jane.roe/a-post-1a2b", "medium.com/@jane.roe"),
        ("https://www.medium.com/@Jane_Roe", "medium.com/@jane_roe"),
        ("https://substack.com/@janeroe/p-123", "substack.com/@janeroe"),
        ("https://www.tumblr.com/janeroe/7281/a-post", "tumblr.com/janeroe"),
        # no site's path there: the host's site, as before
        ("https://sites.google.com/", "google.com"),
        ("https://medium.com/some-publication/a-post", "medium.com"),
        ("https://medium.com/p/1a2b3c", "medium.com"),
        ("https://www.tumblr.com/explore/trending", "tumblr.com"),
        # hostile paths name no site: escapes, controls, bidi marks, a huge name
        ("https://sites.google.com/view/%E2%80%AEevil/", "google.com"),
        ("https://sites.google.com/view/x\x00y/", "google.com"),
        ("https://sites.google.com/view/x\u202ey/", "google.com"),
        ("https://sites.google.com/view/" + "a" * 100_000, "google.com"),
        ("https://medium.com/@" + "j" * 101, "medium.com"),
        # only the platform's own host: a look-alike or a longer host is another site
        ("https://sítes.google.com/view/x", "google.com"),
        ("https://sites.google.com.evil.example/view/x", "sites.google.com.evil.example"),
        ("https://mediun.com/@jane", "mediun.com"),
    ],
)
def test_a_site_under_a_path_of_a_shared_host_is_named_by_it(url, site):
    """Every Google Site was the outlet "google.com", every Medium writer on medium.com/@... one
    outlet "medium.com"."""
    assert site_name(url, load_registry(use_user_file=False)) == site


def test_sites_under_a_shared_hosts_paths_are_two_outlets_and_a_registry_outlet_stays(config_dir):
    def outlet(url):
        return clean_and_infer("The club met.", {"url": url}, source_name="a.txt")[1]["outlet"]

    assert outlet("https://sites.google.com/view/riverside-club/home") == "sites.google.com/view/riverside-club"
    assert outlet("https://sites.google.com/view/harbour-club") == "sites.google.com/view/harbour-club"
    # an outlet the user's registry names by the host keeps every page there
    write_user(config_dir, {"outlets": [{"name": "Google Sites", "domains": ["sites.google.com"]}]})
    registry = load_registry()
    assert site_name("https://sites.google.com/view/riverside-club/home", registry) == "sites.google.com"
    meta = clean_and_infer(
        "The club met.", {"url": "https://sites.google.com/view/x"}, source_name="a.txt", registry=registry
    )[1]
    assert meta["outlet"] == "Google Sites"


def test_articles_on_two_subdomains_of_an_unknown_site_are_one_outlet(config_dir):
    outlets = {
        clean_and_infer("The mayor resigned.", {"url": url}, source_name="a.txt")[1]["outlet"]
        for url in ("https://news.example.co.uk/a", "https://www.example.co.uk/b", "https://example.co.uk/c")
    }
    assert outlets == {"example.co.uk"}


def test_the_public_suffix_list_is_never_fetched(monkeypatch, tmp_path):
    """tld downloads its list when its file cannot be read: with the network unreachable, the
    installed list answers, and a missing one gives no answer rather than a download."""
    import socket
    import urllib.request

    import tld.utils

    from reader.corpus import registrable

    asked = []

    def unreachable(*args, **kwargs):
        asked.append(args)  # (tld catches what a failed download raises)
        raise OSError("network unreachable")

    monkeypatch.setattr(socket.socket, "connect", unreachable)
    monkeypatch.setattr(urllib.request, "urlopen", unreachable)
    monkeypatch.setattr("tld.base.urlopen", unreachable)
    registrable.registrable_domain.cache_clear()
    assert registrable.registrable_domain("edition.example.co.uk") == "example.co.uk"

    missing = str(tmp_path / "no-list.dat")
    monkeypatch.setattr(registrable._ShippedListOnly, "local_path", missing)
    registrable.registrable_domain.cache_clear()
    assert registrable.registrable_domain("news.example.org") is None
    assert tld.utils.tld_names.get(missing) is None
    assert asked == []
    registrable.registrable_domain.cache_clear()


def test_writing_a_segment_or_an_update_s_documents_looks_up_the_outlets_once(tmp_path, monkeypatch):
    """Each document's outlet field holds its outlet's spellings (outlet_search_text): the
    registry is looked up once for a worker's segment and once for the parent's documents, not
    once a document (a stat of the user's outlets.yaml and its folder's look-up each)."""
    from reader.index import store
    from reader.index.core import CorpusIndex

    lookups = []
    real_config_dir = outlets_module.config.config_dir
    monkeypatch.setattr(outlets_module.config, "config_dir", lambda: lookups.append(1) or real_config_dir())

    def documents():
        for k in range(5):
            article = {"id": f"d{k}", "text": f"Text number {k}.", "title": f"Title {k}", "outlet": "Reuters"}
            yield store.make_document(article, [], None, {"key": f"0:d{k}.md", "signature": [k], "hash": None})

    ix, name = store.create_fresh(tmp_path / "ix")
    segment, count = store.write_segment(str(tmp_path / "ix" / name), documents())
    assert count == 5 and len(lookups) == 1

    corpus = tmp_path / "corpus"
    for k in range(12):
        article_file = corpus / f"a{k}.md"
        article_file.parent.mkdir(exist_ok=True)
        article_file.write_text(f"---\ntitle: T{k}\noutlet: Reuters\n---\nSome text {k} here.\n", encoding="utf-8")
    index = CorpusIndex([corpus], tmp_path / "index", workers=1)
    index.update()
    lookups.clear()
    for k in range(12):
        (corpus / f"a{k}.md").write_text(f"---\ntitle: T{k}\noutlet: Reuters\n---\nOther text {k}.\n", encoding="utf-8")
    report = index.update()
    assert report.updated == 12
    # The no-op check's and the state's stamps of the file, the load's batch, the new documents'
    # writing and that of the unchanged ones whose story changed: none a document.
    assert len(lookups) <= 5


def test_a_host_is_named_by_the_longest_registry_domain_it_is_or_is_under():
    """Looked up by the host's suffixes (each outlet's domains no longer scanned for each look-up):
    the longest domain wins, the first outlet to list a domain keeps it, a look-alike host is none."""
    from reader.corpus.outlets import Outlet, Registry, Rules

    registry = Registry(
        [
            Outlet("Example", domains=["example.com"]),
            Outlet("Example News", domains=["news.example.com"]),
            Outlet("Copy", domains=["example.com"]),
        ],
        Rules(),
    )
    assert registry.known_domain("a.news.example.com") == "news.example.com"
    assert registry.from_host("a.news.example.com").name == "Example News"
    assert registry.from_host("www.example.com").name == "Example"
    assert registry.from_host("example.com").name == "Example"
    assert registry.from_host("badexample.com") is None
    assert registry.from_host("example.com.evil") is None
    assert registry.from_host("") is None
