"""Load the site with wrk through gunicorn on 127.0.0.1 and print a table per page type.

Run by `make bench`, which makes the database and seeds it first. Bounded: each row
runs DURATION seconds, the soak SOAK seconds, all on loopback.
"""

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


def cpu_seconds(pids):
    """User and system CPU time the processes have used, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / ticks


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


def measure(paths, env, soak_seconds, warm=False):
    """Serve with env, run every row, then the soak if asked; return rows, sizes, memory."""
    port = free_port()
    server = start_gunicorn(port, env)
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
            for name, urls in paths.items():
                used = cpu_seconds(workers)
                rows[name] = wrk(port, urls, DURATION, workdir, name)
                rows[name]["cpu_ms"] = (
                    (cpu_seconds(workers) - used) * 1000 / max(rows[name]["requests"], 1)
                )
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


def print_table(title, rows, sizes):
    bare = rows["bare"]
    print(f"\n{title}")
    # CPU per request in the workers hardly depends on what else the machine runs; its
    # ratio to the bare view's is the throughput ratio on an otherwise idle machine.
    print(
        f"{'page':<20} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'vs bare':>8} {'cpu ms':>7} {'vs bare':>8} {'failed':>7}"
    )
    for name, row in rows.items():
        print(
            f"{name:<20} {sizes[name]:>7} {row['rps']:>8.0f} {row['p50']:>8.1f} "
            f"{row['p99']:>8.1f} {row['rps'] / bare['rps']:>8.0%} {row['cpu_ms']:>7.2f} "
            f"{bare['cpu_ms'] / row['cpu_ms']:>8.0%} {row['failed']:>7}"
        )


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    django_setup()
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "WHITENOISE_AUTOREFRESH": ""}
    paths = paths_by_type()
    load_before = os.getloadavg()[0]
    uncached = measure(paths, {**base, "BENCH_CACHE": "dummy"}, SOAK)
    # The page cache as production runs it: Redis shared by the workers.
    redis = {
        **base,
        "BENCH_CACHE": "redis",
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13"),
        "CACHE_KEY_PREFIX": "newsroom-bench",
    }
    cached = measure(paths, redis, 0, warm=True)
    load_after = os.getloadavg()[0]
    admin_ms = admin_changelist_ms()

    print(
        f"\nNewsroom benchmark: gunicorn {WORKERS} sync workers on {HOST}, "
        f"wrk -t2 -c{CONNECTIONS}, {DURATION} s per row, the same for every row"
    )
    print_table("Django's cache off (dummy backend):", uncached[0], uncached[1])
    print_table("Through the page cache (Redis):", cached[0], cached[1])
    print(
        "vs bare: requests/s over the bare view's; then the bare view's worker CPU "
        "per request over this page's"
    )
    rows, _, memory, soak = uncached
    print(
        f"\nsoak {SOAK} s, uncached: {soak['requests']} requests, {soak['rps']:.0f} req/s, "
        f"{soak['failed']} failed"
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
    failed += soak["failed"]
    if failed:
        raise SystemExit(f"{failed} requests failed")


if __name__ == "__main__":
    main()
