"""Page benchmark: serve the app with gunicorn and measure each page against the floor.

    .venv/bin/python -m bench.pages                       # every page in PAGES
    .venv/bin/python -m bench.pages --duration 5 --clients 16
    .venv/bin/python -m bench.pages --page floor --page "front page"

Method (docs/performance.md): gunicorn serves ``config.wsgi`` with ``bench.settings`` (the
production settings on loopback, ``var/bench.sqlite3`` unless ``DATABASE_URL`` says otherwise).
Closed-loop clients — each sends a request, waits for the whole answer, sends the next — hammer
one page at a time for a warm-up and then for the measured window. Each page's throughput is
also given as a fraction of the floor's (``bench/floor``: a bare view behind the same middleware
in the same server and run), which makes runs on different machines comparable.

Before the load, every page is requested in this process through the WSGI application: once to
check its status and count its database queries (``CaptureQueriesContext``), then
``--probe-repeat`` times for its median CPU cost (``cpu_ms``), a number that other programs on
the machine hardly disturb. A page that does not answer 200 is reported, not measured.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from threading import Thread

BASE_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = BASE_DIR / "bench" / "results"


# --- Pages ---------------------------------------------------------------------------------


def organisation_detail_path() -> str | None:
    """Helsinki (municipality 091): the largest municipality, with the most people."""
    from django.utils import translation

    from kaiku.organisations.models import Organisation

    organisation = (
        Organisation.objects.filter(type="municipality", code="091").first()
        or Organisation.objects.filter(name="Helsinki").first()
        or Organisation.objects.order_by("pk").first()
    )
    if organisation is None:
        return None
    with translation.override("fi"):
        return organisation.get_absolute_url()


def _bench_programme(path: str = "") -> Callable[[], str | None]:
    """A page of the first bench programme (``kaiku.programme.bench.step_programme``)."""

    def resolve() -> str | None:
        from kaiku.programme.models import Programme

        if not Programme.objects.filter(slug="bench-ohjelma-1").exists():
            return None
        return f"/fi/programmes/bench-ohjelma-1/{path}"

    return resolve


def bench_group_path() -> str | None:
    """The first public bench group: about 17 meetings, 17 milestones and 8 members."""
    from kaiku.programme.models import WorkingGroup

    group = (
        WorkingGroup.objects.filter(programme__slug="bench-ohjelma-1", visibility="public")
        .order_by("order", "pk")
        .first()
    )
    if group is None:
        return None
    return f"/fi/programmes/bench-ohjelma-1/groups/{group.slug}/"


@dataclass(frozen=True)
class Page:
    name: str
    # A path, or a function of the generated data that returns one (None: not available).
    path: str | Callable[[], str | None]

    def resolve(self) -> str | None:
        return self.path() if callable(self.path) else self.path


FLOOR = Page("floor", "/bench/floor")

# Capabilities append their pages here: their list and detail pages and their API endpoints.
PAGES: list[Page] = [
    FLOOR,
    Page("healthz", "/healthz"),
    Page("front page", "/fi/"),
    Page("organisation list", "/fi/organisations/"),
    Page("organisation detail", organisation_detail_path),
    Page("API organisations", "/api/v1/organisations/"),
    Page("API regions", "/api/v1/regions/"),
    # Programme and communication (issue 3).
    Page("programme detail", _bench_programme()),
    Page("working group", bench_group_path),
    Page("programme timeline", _bench_programme("timeline/")),
    Page("news list", "/fi/news/"),
    Page("news RSS", "/fi/news/feed/rss/"),
    Page("API news", "/api/v1/news/"),
]


# --- Load generator ------------------------------------------------------------------------


def _client(port: int, path: str, start: float, end: float, out: dict) -> None:
    """One closed-loop client: keep-alive when the server allows it, else reconnect."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    failures = 0
    connection: http.client.HTTPConnection | None = None
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "gzip"}
    while time.time() < start:
        time.sleep(0.001)
    while True:
        t0 = time.perf_counter()
        if time.time() >= end:
            break
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - t0)
            statuses[response.status] += 1
            if response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException):
            failures += 1
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()
    out["latencies"] = latencies
    out["statuses"] = statuses
    out["failures"] = failures


def _load_process(port: int, path: str, threads: int, start: float, end: float) -> dict:
    """Run ``threads`` clients in one process (several processes sidestep the GIL)."""
    outs: list[dict] = [{} for _ in range(threads)]
    workers = [
        Thread(target=_client, args=(port, path, start, end, out), daemon=True) for out in outs
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    statuses: Counter[int] = Counter()
    for out in outs:
        statuses.update(out["statuses"])
    return {
        "latencies": [latency for out in outs for latency in out["latencies"]],
        "statuses": dict(statuses),
        "failures": sum(out["failures"] for out in outs),
    }


def run_load(
    pool: ProcessPoolExecutor, processes: int, port: int, path: str, clients: int, seconds: float
) -> dict:
    # Every process starts and stops on the same wall-clock instants.
    start = time.time() + 0.3
    end = start + seconds
    shares = [
        clients // processes + (1 if i < clients % processes else 0) for i in range(processes)
    ]
    futures = [
        pool.submit(_load_process, port, path, share, start, end) for share in shares if share
    ]
    parts = [future.result() for future in futures]
    latencies = sorted(latency for part in parts for latency in part["latencies"])
    statuses: Counter[int] = Counter()
    for part in parts:
        statuses.update(part["statuses"])
    failures = sum(part["failures"] for part in parts)
    ok = statuses.get(200, 0)
    return {
        "requests": len(latencies),
        "rps": round(ok / seconds, 1),
        "p50_ms": round(_percentile(latencies, 50) * 1000, 2),
        "p95_ms": round(_percentile(latencies, 95) * 1000, 2),
        "p99_ms": round(_percentile(latencies, 99) * 1000, 2),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else 0.0,
        "errors": len(latencies) - ok + failures,
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
    }


def _percentile(sorted_values: list[float], percent: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(percent / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


# --- In-process probe ----------------------------------------------------------------------


def _wsgi_get(application, path: str) -> tuple[int, bytes]:
    """One GET through the WSGI application, as gunicorn calls it (request signals included)."""
    path_info, _sep, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status: list[str] = []

    def start_response(status_line, headers, exc_info=None):
        status.append(status_line)

    response = application(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        if hasattr(response, "close"):
            response.close()  # sends request_finished: connections close as in the server
    return int(status[0].split(" ", 1)[0]), body


def probe(application, path: str, repeat: int) -> dict:
    """Status, size, query count and CPU cost of the page, measured in this process.

    ``cpu_ms`` is the median CPU time of one request through the WSGI application (no HTTP,
    no client): unlike throughput it hardly moves when other programs share the machine. On
    SQLite it includes the database work; on PostgreSQL the server's share is not in it.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _wsgi_get(application, path)  # the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        status, body = _wsgi_get(application, path)
    result = {"status": status, "queries": len(queries.captured_queries), "bytes": len(body)}
    if status == 200:
        costs = []
        for _ in range(repeat):
            t0 = time.process_time()
            _wsgi_get(application, path)
            costs.append(time.process_time() - t0)
        result["cpu_ms"] = round(statistics.median(costs) * 1000, 3)
    return result


# --- Server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, worker_class: str, threads: int, log: Path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        # The clients queue many connections at once on a few workers.
        "--backlog",
        "2048",
    ]
    with log.open("w") as log_file:
        server = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- Report --------------------------------------------------------------------------------


def machine() -> dict:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory_gb = round(pages / 1024**3, 1)
    except (ValueError, OSError):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def data_summary() -> dict:
    from kaiku.accounts.models import User
    from kaiku.organisations.models import Organisation, Region

    return {
        "people": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "regions": Region.objects.count(),
    }


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'page':<22} {'path':<30} {'st':>3} {'q':>3} {'cpu ms':>7} {'rps':>8} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'err':>4} {'×floor':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        load = row.get("load")
        path = (row["path"] or "-")[:30]
        found = row.get("probe") or {}
        status = found.get("status", "-")
        queries = found.get("queries", "-")
        cpu = f"{found['cpu_ms']:.2f}" if "cpu_ms" in found else "-"
        start = f"{row['name']:<22} {path:<30} {status:>3} {queries:>3} {cpu:>7}"
        if load:
            ratio = f"{row['ratio_to_floor']:.2f}" if row.get("ratio_to_floor") else "-"
            print(
                f"{start} {load['rps']:>8.1f} {load['p50_ms']:>7.1f} {load['p95_ms']:>7.1f} "
                f"{load['errors']:>4} {ratio:>6}"
            )
        else:
            print(f"{start}  {row['note']}")


# --- Command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up seconds per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument(
        "--client-processes", type=int, default=2, help="processes the clients are spread over"
    )
    parser.add_argument("--page", action="append", metavar="NAME", help="only these pages")
    parser.add_argument("--output", type=Path, help="results file (default bench/results/)")
    parser.add_argument(
        "--probe-repeat", type=int, default=50, help="in-process requests per page for cpu_ms"
    )
    parser.add_argument("--no-collectstatic", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if os.environ["DJANGO_SETTINGS_MODULE"] != "bench.settings":
        raise SystemExit("bench.pages serves bench.settings; unset DJANGO_SETTINGS_MODULE")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise SystemExit("The bench database has unapplied migrations: run bench.generate first.")
    if not args.no_collectstatic:
        t0 = time.perf_counter()
        call_command("collectstatic", interactive=False, verbosity=0)
        print(f"collectstatic into {settings.STATIC_ROOT}: {time.perf_counter() - t0:.1f} s")

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    pages = [FLOOR] + [
        p for p in PAGES if p is not FLOOR and (not args.page or p.name in args.page)
    ]
    rows: list[dict] = []
    for page in pages:
        path = page.resolve()
        row: dict = {"name": page.name, "path": path}
        if path is None:
            row["note"] = "not available (no data for it)"
        else:
            row["probe"] = probe(application, path, args.probe_repeat)
            if row["probe"]["status"] != 200:
                row["note"] = f"not measured: answers {row['probe']['status']}"
        rows.append(row)
    summary = data_summary()
    database = settings.DATABASES["default"]
    connections.close_all()  # nothing shared with the forked client processes

    port = free_port()
    log = BASE_DIR / "var" / "bench-gunicorn.log"
    started = time.perf_counter()
    server = start_server(port, args.workers, args.worker_class, args.threads, log)
    print(f"gunicorn on 127.0.0.1:{port}, up in {time.perf_counter() - started:.1f} s")
    processes = max(1, min(args.client_processes, args.clients))
    load_average_start = os.getloadavg()
    try:
        with ProcessPoolExecutor(max_workers=processes) as pool:
            for row in rows:
                if row.get("note"):
                    continue
                if args.warmup > 0:
                    run_load(pool, processes, port, row["path"], args.clients, args.warmup)
                row["load"] = run_load(
                    pool, processes, port, row["path"], args.clients, args.duration
                )
                print(
                    f"  {row['name']:<22} {row['load']['rps']:8.1f} req/s  "
                    f"p95 {row['load']['p95_ms']:.1f} ms  errors {row['load']['errors']}"
                )
            # The floor again at the end: if it moved, something else shared the machine.
            floor = rows[0]
            if floor.get("load"):
                floor["load_end"] = run_load(
                    pool, processes, port, floor["path"], args.clients, args.duration
                )
                print(f"  {'floor (end)':<22} {floor['load_end']['rps']:8.1f} req/s")
    finally:
        stop_server(server)
    load_average_end = os.getloadavg()

    floor_rps = 0.0
    if rows[0].get("load"):
        floor_rps = (rows[0]["load"]["rps"] + rows[0]["load_end"]["rps"]) / 2
    for row in rows:
        if row.get("load") and floor_rps:
            row["ratio_to_floor"] = round(row["load"]["rps"] / floor_rps, 3)

    now = datetime.now().astimezone()
    result = {
        "date": now.isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "server": {
            "command": "gunicorn config.wsgi",
            "settings": "bench.settings",
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "database": database["ENGINE"].rsplit(".", 1)[-1],
        },
        "load": {
            "clients": args.clients,
            "client_processes": processes,
            "duration_s": args.duration,
            "warmup_s": args.warmup,
        },
        "floor_rps": round(floor_rps, 1),
        "floor_drift": (
            round(rows[0]["load_end"]["rps"] / rows[0]["load"]["rps"] - 1, 3)
            if rows[0].get("load_end") and rows[0]["load"]["rps"]
            else None
        ),
        "load_average": {"start": load_average_start, "end": load_average_end},
        "data": summary,
        "pages": rows,
    }
    output = args.output or RESULTS_DIR / f"{now:%Y-%m-%d}-pages.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print_table(rows)
    print(
        f"\nFloor {floor_rps:.0f} req/s (start/end mean, drift {result['floor_drift']}); "
        f"load average {load_average_start[0]:.2f} -> {load_average_end[0]:.2f}"
    )
    print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
