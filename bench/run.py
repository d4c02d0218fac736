"""Load the site through gunicorn on 127.0.0.1 and print a table per page type.

wrk saturates the server for every row; searches are also sent at a constant SEARCH_RATE
a second, an open loop, for one more. Each row also counts the CPU the workers and
PostgreSQL (on this host) spent per request. Run by `make bench`, which makes the database and seeds it first.
Bounded: each row runs DURATION seconds, the soak SOAK seconds, all on loopback.
"""

import functools
import http.client
import itertools
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DURATION = int(os.environ.get("DURATION", "15"))
SOAK = int(os.environ.get("SOAK", "60"))
CONNECTIONS = int(os.environ.get("CONNECTIONS", "8"))
SEARCH_RATE = int(os.environ.get("SEARCH_RATE", "20"))
RATED = f"search at {SEARCH_RATE}/s"
# Issue 13: each page's requests/s with Django's cache off, over the bytes view's.
CACHE_OFF_TARGETS = {
    "article": 0.30,
    "listing": 0.20,
    "topic": 0.20,
    "region": 0.20,
    "front": 0.15,
}
WORKERS = 2
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def django_setup():
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# What readers of this newsroom look for: names, places, subjects, phrases.
SEARCH_TERMS = [
    "trade",
    "Lavrov",
    "Kazan",
    "energy cooperation",
    "interfaith dialogue",
    "Tatarstan forum",
    "investment",
    "Malaysia",
    "humanitarian",
    "Islamic Cooperation",
    "tourism education",
    "Minnikhanov",
]


def paths_by_type():
    """Many URLs of each page type, spread over the archive."""
    from django.db import connection
    from django.urls import NoReverseMatch, reverse

    from articles.models import Article, Region, Topic

    published = Article.objects.published()
    total = published.count()
    step = max(1, total // 2000)
    articles = [
        a.get_absolute_url()
        for a in published.only("slug", "dateline").order_by("pk")[::step][:2000]
    ]
    pages = max(1, total // 20)
    listing = [f"/news/?page={n}" for n in range(1, min(pages, 50) + 1)]
    topics = [t.get_absolute_url() for t in Topic.objects.all()]
    topics += [f"{url}?page=2" for url in topics]
    regions = [r.get_absolute_url() for r in Region.objects.all()]
    regions += [f"{url}?page=2" for url in regions]
    connection.close()
    paths = {
        "article": articles,
        "listing": listing,
        "topic": topics,
        "region": regions,
        "front": ["/"],
    }
    try:
        search = reverse("articles:search")
    except NoReverseMatch:
        pass
    else:
        paths["search"] = [f"{search}?{urlencode({'q': term})}" for term in SEARCH_TERMS]
    paths["bare"] = ["/bench/bare/"]
    # For reference: constant bytes through the same middleware, nothing rendered.
    paths["bytes"] = ["/bench/bytes/"]
    # For reference: the listing's template with its teasers in memory, no database.
    paths["listing, no database"] = ["/bench/listing-from-memory/"]
    return paths


def start_gunicorn(port, env):
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(WORKERS),
        ],
        cwd=ROOT,
        env={**env, "GUNICORN_ACCESSLOG": ""},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/bench/bare/", timeout=2)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not answer within 30 seconds")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def worker_pids(master):
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids, children=False):
    """User and system CPU time the processes have used, in seconds; with children, also
    that of their children that have exited and been waited for."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # a PostgreSQL backend that has just ended
        # utime and stime, then cutime and cstime.
        used = fields[11:15] if children else fields[11:13]
        total += sum(int(n) for n in used)
    return total / ticks


def postmaster_pid():
    """The PostgreSQL server's main process: the parent of this connection's backend."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        status = Path(f"/proc/{backend}/status").read_text()
    except FileNotFoundError:
        raise SystemExit("PostgreSQL must run on this host: its CPU is counted too") from None
    return int(re.search(r"^PPid:\s+(\d+)", status, re.M).group(1))


def postgres_cpu(postmaster):
    """Snapshot the CPU PostgreSQL has used: everything, and live backends of other databases.

    Everything is the postmaster, the children it has reaped (backends that ended,
    parallel workers) and its live children. Other helpers' live backends can be told
    apart and are taken out in `postgres_seconds`; their ended ones cannot.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname <> current_database()")
        others = [pid for (pid,) in cursor.fetchall()]
    children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    total = cpu_seconds([postmaster], children=True) + cpu_seconds(children)
    return total, {pid: cpu_seconds([pid]) for pid in others if Path(f"/proc/{pid}").exists()}


def postgres_seconds(before, after):
    """CPU PostgreSQL used between two snapshots, less other databases' live backends."""
    others = sum(cpu - before[1].get(pid, 0) for pid, cpu in after[1].items())
    return after[0] - before[0] - others


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(port, paths, seconds, workdir, name):
    listing = Path(workdir) / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            # gunicorn's own timeout is 30 s: a slow answer is slow, not failed.
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench/rotate.lua"),
            f"http://{HOST}:{port}",
        ],
        env={**os.environ, "PATHS": str(listing)},
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"\s(50|99)%\s+([\d.]+\w+)", out))
    p50 = to_ms(*re.match(r"([\d.]+)(\w+)", latency["50"]).groups())
    p99 = to_ms(*re.match(r"([\d.]+)(\w+)", latency["99"]).groups())
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    failed = int(non2xx.group(1)) if non2xx else 0
    if socket_errors:
        failed += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return {"rps": rps, "p50": p50, "p99": p99, "requests": requests, "failed": failed}


def at_a_constant_rate(port, paths, seconds):
    """Search SEARCH_RATE times a second for `seconds`, however long the answers take,
    and return the row: an open loop, each latency counted from when its request was due.

    wrk (like any closed loop of a few connections) sends the next request only when an
    answer comes back, so a slow answer holds back the requests that would have queued
    behind it and the percentiles hide the wait (coordinated omission). Here each request
    goes out on schedule from a thread of its own. Debian packages no wrk2, and locust
    added 7-13 ms of its own to an answer the server gave in 1.6 ms, and over 100 ms to
    searches, on this two-core machine: a thread per request adds well under one.
    """
    due_times = [index / SEARCH_RATE for index in range(SEARCH_RATE * seconds)]
    latencies, failed = [], 0

    def search(path, due):
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            answered = response.status == 200
        except OSError:
            answered = False
        finally:
            connection.close()
        return (time.perf_counter() - due) * 1000, answered

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4 * SEARCH_RATE) as pool:
        sent = []
        for due, path in zip(due_times, itertools.cycle(paths), strict=False):
            due += start
            time.sleep(max(0, due - time.perf_counter()))
            sent.append(pool.submit(search, path, due))
        for answer in sent:
            latency, answered = answer.result()
            latencies.append(latency)
            failed += not answered
    elapsed = time.perf_counter() - start
    percentiles = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50": percentiles[49],
        "p99": percentiles[98],
        "requests": len(latencies),
        "failed": failed,
    }


def admin_changelist_ms():
    """Median time for a superuser's article changelist, in-process, warm."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    url = "/" + os.environ.get("ADMIN_PATH", "admin/").strip("/") + "/articles/article/"
    times = []
    for _ in range(7):
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=HOST)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    connection.close()
    return statistics.median(times[1:])


def measure(paths, env, soak_seconds, warm=False, search_rate=False):
    """Serve with env, run every row (and searches at SEARCH_RATE if asked), then the
    soak if asked; return rows, sizes, memory."""
    port = free_port()
    server = start_gunicorn(port, env)
    postmaster = postmaster_pid()
    rows, sizes, memory, soak = {}, {}, {}, None
    try:
        for name, urls in paths.items():
            sizes[name] = len(urllib.request.urlopen(f"http://{HOST}:{port}{urls[0]}").read())
        if warm:
            # Fill the page cache once, as readers would have before a busy hour.
            urls = [f"http://{HOST}:{port}{u}" for k in paths for u in paths[k]]
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(lambda url: urllib.request.urlopen(url, timeout=60).read(), urls))
        with tempfile.TemporaryDirectory() as workdir:
            wrk(port, paths["article"][:200], 3, workdir, "warmup")
            workers = worker_pids(server.pid)
            runs = {}
            for name, urls in paths.items():
                runs[name] = functools.partial(wrk, port, urls, DURATION, workdir, name)
                if name == "search" and search_rate:
                    runs[RATED] = functools.partial(at_a_constant_rate, port, urls, DURATION)
                    sizes[RATED] = sizes[name]
            for name, run in runs.items():
                workers_before, postgres_before = cpu_seconds(workers), postgres_cpu(postmaster)
                rows[name] = row = run()
                requests = max(row["requests"], 1)
                row["worker_ms"] = (cpu_seconds(workers) - workers_before) * 1000 / requests
                postgres = postgres_seconds(postgres_before, postgres_cpu(postmaster))
                # Near nothing can read as a hair below: processes are read one by one.
                row["postgres_ms"] = max(postgres, 0) * 1000 / requests
                row["cpu_ms"] = row["worker_ms"] + row["postgres_ms"]
            if soak_seconds:
                soak_paths = [
                    u for k in ("article", "listing", "topic", "region") for u in paths[k]
                ]
                before = {pid: rss_mb(pid) for pid in workers}
                soak = wrk(port, soak_paths, soak_seconds, workdir, "soak")
                memory = {pid: (before[pid], rss_mb(pid)) for pid in workers}
    finally:
        stop(server)
    return rows, sizes, memory, soak


# The pages a shared cache keeps: everything else (search, the bare views) passes by it.
CACHEABLE = ("article", "listing", "topic", "region", "front")


def measure_varnish(paths, env):
    """Serve with env behind Varnish (newsroom/stack/varnish.vcl), warm it, and run the
    rows of the pages it keeps through it; the CPU counted is Varnish's, the workers' and
    PostgreSQL's."""
    from newsroom.stack.varnish import Varnish

    port = free_port()
    server = start_gunicorn(port, env)
    postmaster = postmaster_pid()
    rows = {}
    try:
        with Varnish((HOST, port)) as front, tempfile.TemporaryDirectory() as workdir:
            urls = [f"{front.url}{u}" for k in CACHEABLE for u in paths[k]]
            with ThreadPoolExecutor(max_workers=4) as pool:
                list(pool.map(lambda url: urllib.request.urlopen(url, timeout=60).read(), urls))
            varnish = [front.process.pid, *worker_pids(front.process.pid)]
            workers = worker_pids(server.pid)
            for name in CACHEABLE:
                before = cpu_seconds(varnish), cpu_seconds(workers), postgres_cpu(postmaster)
                rows[name] = row = wrk(front.port, paths[name], DURATION, workdir, name)
                requests = max(row["requests"], 1)
                row["varnish_ms"] = (cpu_seconds(varnish) - before[0]) * 1000 / requests
                row["worker_ms"] = (cpu_seconds(workers) - before[1]) * 1000 / requests
                postgres = postgres_seconds(before[2], postgres_cpu(postmaster))
                row["postgres_ms"] = max(postgres, 0) * 1000 / requests
                row["cpu_ms"] = row["varnish_ms"] + row["worker_ms"] + row["postgres_ms"]
    finally:
        stop(server)
    return rows


def print_varnish_table(rows, cached):
    print("\nThrough Varnish, in front of the page cache (Redis):")
    print(
        f"{'page':<20} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs Redis':>8} "
        f"{'varnish ms':>10} {'worker ms':>9} {'pg ms':>7} {'cpu ms':>7} {'failed':>7}"
    )
    for name, row in rows.items():
        print(
            f"{name:<20} {row['rps']:>8.0f} {row['p50']:>8.2f} {row['p99']:>8.2f} "
            f"{row['rps'] / cached[name]['rps']:>8.1f}x {row['varnish_ms']:>10.3f} "
            f"{row['worker_ms']:>9.3f} {row['postgres_ms']:>7.3f} {row['cpu_ms']:>7.3f} "
            f"{row['failed']:>7}"
        )


def print_table(title, rows, sizes):
    bare, constant = rows["bare"], rows["bytes"]
    print(f"\n{title}")
    print(
        f"{'page':<20} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs bare':>8} "
        f"{'worker ms':>9} {'pg ms':>7} {'cpu ms':>7} {'vs bare':>8} {'vs bytes':>8} "
        f"{'failed':>7}"
    )
    for name, row in rows.items():
        # A row held to a rate has no throughput to compare.
        throughput = "-" if name == RATED else f"{row['rps'] / bare['rps']:.0%}"
        print(
            f"{name:<20} {sizes[name]:>7} {row['rps']:>8.0f} {row['p50']:>8.1f} "
            f"{row['p99']:>8.1f} {throughput:>8} {row['worker_ms']:>9.2f} "
            f"{row['postgres_ms']:>7.2f} {row['cpu_ms']:>7.2f} "
            f"{bare['cpu_ms'] / row['cpu_ms']:>8.0%} {constant['cpu_ms'] / row['cpu_ms']:>8.0%} "
            f"{row['failed']:>7}"
        )


def print_targets(rows, cached, articles):
    """Issue 13's targets, each with what this run measured and whether it is met."""
    note = "" if articles == 100_000 else f"; this run has {articles:,}"
    print(f"\nIssue 13's targets (set at 100,000 articles{note}):")
    print(f"{'target, by requests/s':<32} {'wanted':>8} {'measured':>9} {'by CPU':>7}")

    def line(target, wanted, measured, by_cpu, met):
        print(f"{target:<32} {wanted:>8} {measured:>9} {by_cpu:>7}  {'met' if met else 'MISSED'}")

    # The same ratios of CPU per request (the workers' plus PostgreSQL's) move less with
    # the machine's other work.
    for page, share in CACHE_OFF_TARGETS.items():
        measured = rows[page]["rps"] / rows["bytes"]["rps"]
        by_cpu = rows["bytes"]["cpu_ms"] / rows[page]["cpu_ms"]
        line(
            f"{page}, cache off, vs bytes",
            f">= {share:.0%}",
            f"{measured:.0%}",
            f"{by_cpu:.0%}",
            measured >= share,
        )
    if RATED in rows:
        p99 = rows[RATED]["p99"]
        line(f"search p99 at {SEARCH_RATE}/s", "< 100 ms", f"{p99:.0f} ms", "", p99 < 100)
    slowest = min(CACHE_OFF_TARGETS, key=lambda page: cached[page]["rps"])
    measured = cached[slowest]["rps"] / cached["bare"]["rps"]
    by_cpu = cached["bare"]["cpu_ms"] / max(cached[page]["cpu_ms"] for page in CACHE_OFF_TARGETS)
    line(
        "every page cached, vs bare", ">= 100%", f"{measured:.0%}", f"{by_cpu:.0%}", measured >= 1
    )


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    django_setup()
    from django.db import connection

    from articles.models import Article

    database, articles = connection.settings_dict["NAME"], Article.objects.count()
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "WHITENOISE_AUTOREFRESH": ""}
    paths = paths_by_type()
    load_before = os.getloadavg()[0]
    uncached = measure(paths, {**base, "BENCH_CACHE": "dummy"}, SOAK, search_rate=True)
    # The page cache as production runs it: Redis shared by the workers.
    redis = {
        **base,
        "BENCH_CACHE": "redis",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        "CACHE_KEY_PREFIX": "newsroom-bench",
    }
    cached = measure(paths, redis, 0, warm=True)
    through_varnish = measure_varnish(paths, redis)
    load_after = os.getloadavg()[0]
    admin_ms = admin_changelist_ms()

    print(
        f"\nNewsroom benchmark: {articles:,} articles ({database}), gunicorn {WORKERS} sync "
        f"workers on {HOST}, {DURATION} s per row, wrk -t2 -c{CONNECTIONS} for every row but "
        f"the search at {SEARCH_RATE}/s (an open loop)"
    )
    print_table("Django's cache off (dummy backend):", uncached[0], uncached[1])
    print_table("Through the page cache (Redis):", cached[0], cached[1])
    print(
        "vs bare: requests/s over the bare view's; then, of CPU per request (the workers' "
        "plus PostgreSQL's), the bare view's and the bytes view's over this page's"
    )
    print_varnish_table(through_varnish, cached[0])
    rows, _, memory, soak = uncached
    print_targets(rows, cached[0], articles)
    if soak:
        print(
            f"\nsoak {SOAK} s, uncached: {soak['requests']} requests, "
            f"{soak['rps']:.0f} req/s, {soak['failed']} failed"
        )
        for pid, (start, end) in memory.items():
            print(f"  worker {pid}: RSS {start:.1f} MB -> {end:.1f} MB")
    print(f"admin article changelist: {admin_ms:.0f} ms (median of 6, warm, in-process)")
    # Other work on the machine moves every row; the ratios to the bare view move less.
    print(
        f"load average (1 min) before {load_before:.1f}, after {load_after:.1f}, "
        f"on {os.cpu_count()} CPUs"
    )
    failed = sum(row["failed"] for mode in (uncached, cached) for row in mode[0].values())
    failed += sum(row["failed"] for row in through_varnish.values())
    failed += soak["failed"] if soak else 0
    if failed:
        raise SystemExit(f"{failed} requests failed")


if __name__ == "__main__":
    main()
