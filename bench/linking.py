"""Time the linker at a real directory's size (issue 15): `make bench-linking`, and a part
of `make bench`. Needs no bench database.

In memory: a made-up directory of ENTRIES entries (50,000) holding NAMES names (200,000)
from bench/directory.py, the automaton built over it once, and a 1,500-word article
linked once, then RUNS more times (100): the median and p95 of the wall clock and of the
process's CPU, against issue 15's target of 50 ms. Then a second article, never linked
before, once: the words the first left in the morphology's caches are not in it.

PROFILE=1 prints where the time of the timed links goes (cProfile).
"""

import cProfile
import os
import pstats
import resource
import statistics
import sys
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


if __name__ == "__main__":
    in_memory()
