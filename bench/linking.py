"""Time the linker at a real directory's size (issue 15): `make bench-linking`, and a part
of `make bench`. Needs no bench database.

In memory: a made-up directory of ENTRIES entries (50,000) holding NAMES names (200,000)
from bench/directory.py, the automaton built over it once, and a 1,500-word article
linked once, then RUNS more times (100): the median and p95 of the wall clock and of the
process's CPU, against issue 15's target of 50 ms. Then a second article, never linked
before, once: the words the first left in the morphology's caches are not in it.

In a database: the same directory imported with `import_directory` into a scratch
database (a SQLite file in a temporary folder; LINKING_DATABASE_URL names a PostgreSQL
server instead, on which Django makes and drops a test database), then the linker as the
site uses it: `directory_linker()` the first time (the directory read with `entries()`
and the automaton built) and again with the directory unchanged (one query), and
`mentions_in()` on the article saved as a draft. Last, an editor saving that draft in
the admin (Django's test client, logged in), with the suggestions worked out and with
that step left out: the difference is what linking costs a save.

PROFILE=1 prints where the time of the timed links goes (cProfile).
"""

import cProfile
import logging
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.linking import Linker  # noqa: E402
from bench import directory  # noqa: E402

ENTRIES = int(os.environ.get("ENTRIES", "50000"))
NAMES = int(os.environ.get("NAMES", "200000"))
RUNS = int(os.environ.get("RUNS", "100"))
SAVES = int(os.environ.get("SAVES", "20"))
PROFILE = os.environ.get("PROFILE") == "1"
TARGET_MS = 50


def peak_rss_mb() -> float:
    """The process's peak resident set so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call):
    """(result, wall ms, CPU ms) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def percentile(values, share):
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def row(label, value):
    print(f"  {label:<34} {value}")


def spread(label, walls, cpus=None):
    """The median and p95 of timed calls."""
    cpu = f" (CPU {statistics.median(cpus):.1f} ms)" if cpus else ""
    row(
        label,
        f"median {statistics.median(walls):.1f} ms{cpu}, p95 {percentile(walls, 95):.1f} ms",
    )


def in_memory():
    print(f"Linking (issue 15), in memory, {os.cpu_count()} CPUs")
    entries, made_ms, _ = timed(lambda: directory.directory(ENTRIES, NAMES))
    kinds = Counter(entry["kind"] for entry in entries)
    names = sum(1 + len(entry["aliases"]) for entry in entries)
    titles = sum(len(entry.get("titles", [])) for entry in entries)
    row("directory", f"{len(entries):,} entries, {names:,} names, {titles:,} titles")
    row("", ", ".join(f"{kind} {count:,}" for kind, count in kinds.most_common()))
    row("made in", f"{made_ms / 1000:.1f} s")

    linker_entries = directory.linker_entries(entries)
    before = peak_rss_mb()
    linker, build_ms, build_cpu = timed(lambda: Linker(linker_entries))
    row("automaton built (first)", f"{build_ms / 1000:.1f} s (CPU {build_cpu / 1000:.1f} s)")
    row("peak RSS after building", f"{peak_rss_mb():.0f} MB ({before:.0f} MB before)")

    article = directory.article(entries)
    segments, dateline = article.segments(), article.dateline
    found, first_ms, first_cpu = timed(lambda: linker.link(segments, dateline))
    keys = {mention.entry.key for mention in found}
    missing = article.mentioned - keys
    row(
        "article",
        f"{article.words:,} words, built to mention {len(article.mentioned)} entries: "
        f"{len(keys)} found, {len(missing)} of them missing",
    )
    if missing:
        row("missing", ", ".join(sorted(missing)))
    row("link, first call", f"{first_ms:.1f} ms (CPU {first_cpu:.1f} ms)")

    walls, cpus = [], []
    profile = cProfile.Profile() if PROFILE else None
    for _ in range(RUNS):
        if profile:
            profile.enable()
        _, wall, cpu = timed(lambda: linker.link(segments, dateline))
        if profile:
            profile.disable()
        walls.append(wall)
        cpus.append(cpu)
    median = statistics.median(walls)
    row(
        f"link, {RUNS} more calls",
        f"median {median:.1f} ms (CPU {statistics.median(cpus):.1f} ms), "
        f"p95 {percentile(walls, 95):.1f} ms (CPU {percentile(cpus, 95):.1f} ms)",
    )
    verdict = "met" if median < TARGET_MS else "MISSED"
    row("target", f"median under {TARGET_MS} ms: {verdict}")

    other = directory.article(entries, seed=directory.SEED + 1)
    _, other_ms, other_cpu = timed(lambda: linker.link(other.segments(), other.dateline))
    row("another article, first call", f"{other_ms:.1f} ms (CPU {other_cpu:.1f} ms)")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(20)


def scratch_database(folder):
    """Django set up on a test database of its own, migrated: a SQLite file in `folder`,
    or one on LINKING_DATABASE_URL's server."""
    server = os.environ.get("LINKING_DATABASE_URL")
    os.environ["DATABASE_URL"] = server or f"sqlite:///{folder}/newsroom.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    # The login the admin saves need is no news here.
    settings.AXES_VERBOSE = False
    django.setup()
    logging.getLogger("axes").setLevel(logging.WARNING)
    # As under pytest: responses carry their template context, mail stays in memory.
    setup_test_environment()
    if not server:
        settings.DATABASES["default"]["TEST"]["NAME"] = f"{folder}/linking.sqlite3"
    connection.creation.create_test_db(verbosity=0, serialize=False)
    return connection


def in_a_database():
    """In a process of its own, so that its memory is its own."""
    entries = directory.directory(ENTRIES, NAMES)
    article = directory.article(entries)
    with tempfile.TemporaryDirectory() as folder:
        connection = scratch_database(folder)
        try:
            linked_in_a_database(connection, entries, article)
        finally:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def linked_in_a_database(connection, entries, article):
    from django.test.utils import CaptureQueriesContext

    from articles import directory as database_directory
    from articles import linking

    print(f"Linking (issue 15), in a database ({connection.vendor})")
    data = {"about": "bench/directory.py", "version": 1, "entries": entries}
    result, import_ms, _ = timed(lambda: database_directory.import_directory(data))
    made = sum(result.created.values())
    row("import_directory", f"{made:,} entries in {import_ms / 1000:.1f} s")

    with CaptureQueriesContext(connection) as queries:
        loaded, entries_ms, _ = timed(lambda: list(database_directory.entries()))
    row("entries()", f"{len(loaded):,} entries, {entries_ms / 1000:.1f} s, {len(queries)} queries")
    del loaded
    _, first_ms, first_cpu = timed(linking.directory_linker)
    row(
        "directory_linker(), first call", f"{first_ms / 1000:.1f} s (CPU {first_cpu / 1000:.1f} s)"
    )
    with CaptureQueriesContext(connection) as queries:
        _, again_ms, _ = timed(linking.directory_linker)
    row("directory_linker(), unchanged", f"{again_ms:.2f} ms, {len(queries)} query")
    row("peak RSS", f"{peak_rss_mb():.0f} MB")

    draft = saved_draft(article)
    found, mentions_ms, _ = timed(lambda: linking.mentions_in(draft))
    row("mentions_in(saved draft), first", f"{mentions_ms:.1f} ms: {len(found)} entries")
    walls, cpus = [], []
    for _ in range(RUNS):
        _, wall, cpu = timed(lambda: linking.mentions_in(draft))
        walls.append(wall)
        cpus.append(cpu)
    spread(f"mentions_in(), {RUNS} more calls", walls, cpus)
    saving_in_the_admin(draft)


def saved_draft(article):
    """The article as an editor's draft: its paragraphs as the body's rich text."""
    from html import escape

    from articles import workflow
    from articles.models import Article
    from tests.factories import make_user

    editor = make_user("bench-editor", "Editors")
    body = "".join(f"<p>{escape(p)}</p>" for p in article.body.split("\n\n"))
    draft = Article(
        headline=article.headline,
        body=body,
        byline=article.byline,
        dateline=article.dateline,
    )
    workflow.create_draft(draft, by=editor)
    draft.editor = editor
    return draft


def saving_in_the_admin(draft):
    """An editor saving the draft again and again, by turns with and without the
    suggestions worked out (offer_for, which reads the draft with mentions_in)."""
    from unittest import mock

    from django.test import Client
    from django.urls import reverse

    from articles import suggestions, versions
    from tests.factories import article_form

    client = Client()
    client.force_login(draft.editor)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    offering = suggestions.offer_for
    offer_ms = []

    def timed_offer(*args, **kwargs):
        _, wall, _ = timed(lambda: offering(*args, **kwargs))
        offer_ms.append(wall)

    def save(number):
        form = client.get(url).context["adminform"].form
        data = article_form(edited_revision=form["edited_revision"].value())
        for name in versions.CONTENT_FIELDS:
            data[name] = form.initial.get(name) or ""
        data["version_note"] = f"Save {number}"
        response, wall, _ = timed(lambda: client.post(url, data))
        if response.status_code != 302:
            raise RuntimeError(f"the admin refused the save: {response.status_code}")
        return wall

    first = save(0)
    row("admin save, first", f"{first:.1f} ms (its suggestions made)")
    with_linking, without = [], []
    for number in range(SAVES):
        with mock.patch.object(suggestions, "offer_for", timed_offer):
            with_linking.append(save(number))
        with mock.patch.object(suggestions, "offer_for", lambda *args, **kwargs: None):
            without.append(save(number))
    spread(f"admin save, {SAVES} more saves", with_linking)
    spread("  of which offer_for()", offer_ms)
    spread("  without offer_for()", without)
    difference = statistics.median(with_linking) - statistics.median(without)
    row("  linking's cost to a save", f"{difference:.1f} ms (difference of medians)")


if __name__ == "__main__":
    if sys.argv[1:] == ["database"]:
        in_a_database()
    else:
        in_memory()
        print()
        subprocess.run([sys.executable, __file__, "database"], check=True)
