"""Page benchmark: serve the app with gunicorn, load each page with wrk, read the server's CPU.

    .venv/bin/python -m bench.pages                       # every page in PAGES
    .venv/bin/python -m bench.pages --duration 5 --clients 20
    .venv/bin/python -m bench.pages --page "front page" --page "news list"

Method (docs/performance.md): gunicorn serves ``config.wsgi`` with ``bench.settings`` (the
production settings on loopback, ``var/bench.sqlite3`` unless ``DATABASE_URL`` says otherwise).
Debian's ``wrk`` (C, event loop: it does not cap the floor as a Python client would) keeps
``--clients`` connections busy on one page at a time. Each page's window is bracketed by two
short windows of the floor (``/bench/floor``: a bare view behind the same middleware), so a
page is compared with the machine's speed at that moment, not at the ends of a long run.
For every window the benchmark reads the gunicorn processes' CPU time from ``/proc``:
**server CPU per request** is that time over the requests answered.

Anonymous pages are measured twice, on a server with the anonymous page cache
(``kaiku.core.cache``) and on one without it (``PAGE_CACHE=false``); signed-in pages once,
with the session cookie of a member of the measured group.

Before the load, every page is requested in this process through the WSGI application: once to
check its status and count its database queries (``CaptureQueriesContext``), then repeatedly
for its median CPU cost (``cpu_ms``, uncached; ``cached_cpu_ms``, from the page cache). A
page that does not answer 200 is reported, not measured.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[1]
RESULTS_DIR = BASE_DIR / "bench" / "results"
PAGE_CACHE_DIR = BASE_DIR / "var" / "cache" / "bench-pages"


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
    """The measured group: the first public bench group, which grows with the scale
    (``bench/busy_group.py``: about 120 meetings, 80 memos, 40 tasks at scale 1)."""
    from bench.busy_group import measured_group

    group = measured_group()
    if group is None:
        return None
    return f"/fi/programmes/bench-ohjelma-1/groups/{group.slug}/"


def bench_news_item_path() -> str | None:
    """The newest public bench news item."""
    from kaiku.news.models import NewsItem

    item = (
        NewsItem.objects.filter(slug__startswith="bench-", visibility="public")
        .exclude(published_at=None)
        .order_by("-published_at", "-pk")
        .first()
    )
    return f"/fi/news/{item.slug}/" if item else None


def bench_busy_comments_path() -> str | None:
    """The bench news item with 1,000 comments (``kaiku.discussions.bench``)."""
    from kaiku.discussions.bench import busy_target

    item = busy_target()
    return f"/fi/news/{item.slug}/" if item else None


def bench_busy_comments_api_path() -> str | None:
    from kaiku.discussions.bench import busy_target

    item = busy_target()
    return f"/api/v1/comments/?content_type=news.newsitem&object_id={item.pk}" if item else None


def bench_question_path() -> str | None:
    """The public answered bench question with the most votes (``kaiku.questions.bench``),
    which also carries 1,000 comments (``kaiku.discussions.bench.busy_question``)."""
    from kaiku.questions.bench import KEY_PREFIX
    from kaiku.questions.models import Question

    question = (
        Question.objects.filter(
            import_key__startswith=KEY_PREFIX, visibility="public", status="answered"
        )
        .order_by("-vote_count", "pk")
        .first()
    )
    return f"/fi/questions/{question.pk}/" if question else None


def bench_event_path() -> str | None:
    """The upcoming public bench event with the most registrations (``kaiku.events.bench``)."""
    from kaiku.events.bench import measured_event

    event = measured_event()
    return f"/fi/events/{event.pk}/" if event else None


def bench_survey_results_path() -> str | None:
    """The results page of the measured bench survey: 20,000 respondents, closed, public
    results, with a previous round for the trend (``kaiku.surveys.bench``)."""
    from kaiku.surveys.bench import measured_survey

    survey = measured_survey()
    return f"/fi/surveys/{survey.pk}/results/" if survey else None


def bench_survey_results_api_path() -> str | None:
    from kaiku.surveys.bench import measured_survey

    survey = measured_survey()
    return f"/api/v1/surveys/{survey.pk}/results/" if survey else None


# What someone types while asking: inflected, a compound and a synonym (kaiku.core.finnish).
SIMILAR_QUERY = "/api/v1/questions/similar/?q=" + quote("siirtyvätkö lomapäiväni kuntaan")


@dataclass(frozen=True)
class Page:
    name: str
    # A path, or a function of the generated data that returns one (None: not available).
    path: str | Callable[[], str | None]
    signed_in: bool = False

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
    Page("API working groups", "/api/v1/working-groups/"),
    Page("news list", "/fi/news/"),
    Page("news item", bench_news_item_path),
    Page("news RSS", "/fi/news/feed/rss/"),
    Page("API news", "/api/v1/news/"),
    # Discussions and comments (issue 8): a thread of 1,000 comments, its API list.
    Page("news item with 1,000 comments", bench_busy_comments_path),
    Page("API comments of one item", bench_busy_comments_api_path),
    Page("discussions", "/fi/discussions/"),
    # Questions (issue 8): 100,000 questions; the list, the most-voted question, the API list
    # and the similar questions the ask form shows while typing.
    Page("question list", "/fi/questions/"),
    Page("question with 1,000 comments", bench_question_path),
    Page("API questions", "/api/v1/questions/"),
    Page("API similar questions", SIMILAR_QUERY),
    # Search (issue 8): an inflected word with thousands of results, a word in most meetings
    # and news items, the API; signed in, with members-only content in the visibility check.
    Page("search", "/fi/search/?q=kyselyn"),
    Page("search (common word)", "/fi/search/?q=kokous"),
    Page("API search", "/api/v1/search/?q=raportti"),
    # Surveys (issue 9): the results of a survey of 20,000 respondents (public results), the
    # API's results. The first request of a process computes them (docs/performance.md).
    Page("survey results", bench_survey_results_path),
    Page("API survey results", bench_survey_results_api_path),
    # Events (issue 10): 2,000 events with 100,000 registrations; the upcoming list, the most
    # registered upcoming public event, the API list.
    Page("event list", "/fi/events/"),
    Page("event page", bench_event_path),
    Page("API events", "/api/v1/events/"),
    # Signed in: a member of the measured group, with a session cookie.
    Page("front page (signed in)", "/fi/", signed_in=True),
    Page("working group (signed in)", bench_group_path, signed_in=True),
    Page("programme timeline (signed in)", _bench_programme("timeline/"), signed_in=True),
    Page("news list (signed in)", "/fi/news/", signed_in=True),
    Page("news item (signed in)", bench_news_item_path, signed_in=True),
    Page("API working groups (signed in)", "/api/v1/working-groups/", signed_in=True),
    Page("search (signed in)", "/fi/search/?q=valmennus", signed_in=True),
    Page("survey results (signed in)", bench_survey_results_path, signed_in=True),
    Page("event list (signed in)", "/fi/events/", signed_in=True),
    Page("event page (signed in)", bench_event_path, signed_in=True),
]


def bench_session_cookie() -> str | None:
    """A session of a member of the measured group, made as a sign-in makes it."""
    import time as _time

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    from bench.busy_group import measured_group
    from kaiku.accounts.middleware import LOGIN_AT_SESSION_KEY
    from kaiku.programme.models import Membership

    group = measured_group()
    membership = (
        Membership.objects.filter(group=group, role="member").select_related("person").first()
        if group
        else None
    )
    if membership is None:
        return None
    person = membership.person
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store[LOGIN_AT_SESSION_KEY] = _time.time()
    store.create()
    # A browser that has shown a page with a form holds a CSRF cookie too; the kept signed-in
    # pages are per browser (its CSRF secret), as a real visitor's would be.
    from django.middleware.csrf import _get_new_csrf_string

    return (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
    )


# --- Load generator: wrk -------------------------------------------------------------------

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, '
    .. '"p99_us": %d, "mean_us": %.1f, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    raise SystemExit(
        "wrk is not installed. On Debian/Ubuntu: sudo apt-get install wrk "
        "(bench/run.sh installs it when it runs as root)."
    )


def server_cpu_seconds(master_pid: int) -> float:
    """User and system CPU time of gunicorn's master and workers, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid, ppid = int(entry), int(fields[1])
        if pid == master_pid or ppid == master_pid:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def drain(port: int, workers: int) -> None:
    """Wait until the server has answered what the last window left queued: the sync workers
    still work through requests whose clients are gone, which would slow the next window."""
    for _ in range(workers):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor", timeout=120):
                pass
        except OSError:
            pass


def run_wrk(
    wrk: str, script: Path, port: int, path: str, clients: int, seconds: float,
    master_pid: int, cookie: str | None = None,
) -> dict:  # fmt: skip
    command = [
        wrk, "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{max(1, round(seconds))}s",
        "--timeout", "30s", "-s", str(script), "-H", "Accept-Encoding: gzip",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    cpu_before = server_cpu_seconds(master_pid)
    out = subprocess.run(command, capture_output=True, text=True, check=False)
    cpu = server_cpu_seconds(master_pid) - cpu_before
    drain(port, 2)
    line = next((x for x in out.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {out.stdout}\n{out.stderr}")
    raw = json.loads(line.removeprefix("WRK_JSON "))
    elapsed = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "errors": errors,
        "non_2xx": raw["status"],
        "server_cpu_ms_per_request": (
            round(cpu * 1000 / raw["requests"], 3) if raw["requests"] else None
        ),
    }


# --- In-process probe ----------------------------------------------------------------------


def _wsgi_get(application, path: str, cookie: str | None = None) -> tuple[int, bytes]:
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
    if cookie:
        environ["HTTP_COOKIE"] = cookie
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


def _median_cpu_ms(application, path: str, cookie: str | None, repeat: int) -> float:
    """Median CPU ms of one request; at most ``repeat`` requests or about 3 s of them."""
    costs: list[float] = []
    deadline = time.process_time() + 3.0
    while len(costs) < repeat and (len(costs) < 5 or time.process_time() < deadline):
        t0 = time.process_time()
        _wsgi_get(application, path, cookie)
        costs.append(time.process_time() - t0)
    return round(statistics.median(costs) * 1000, 3)


def probe(application, path: str, repeat: int, cookie: str | None = None) -> dict:
    """Status, size, query count and CPU cost of the page, measured in this process.

    ``cpu_ms`` is the median CPU time of one request through the WSGI application (no HTTP,
    no client) with the page cache off: unlike throughput it hardly moves when other programs
    share the machine. On SQLite it includes the database work; on PostgreSQL the server's
    share is not in it. ``cached_cpu_ms`` is the same with the page cache on: an anonymous
    page from the cache, a signed-in person's repeat view of a page kept for them (pages the
    cache does not store cost as much as uncached).
    """
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(KAIKU_PAGE_CACHE_ENABLED=False):
        _wsgi_get(application, path, cookie)  # the first request fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            status, body = _wsgi_get(application, path, cookie)
        result = {"status": status, "queries": len(queries.captured_queries), "bytes": len(body)}
        if status == 200:
            result["cpu_ms"] = _median_cpu_ms(application, path, cookie, repeat)
    if status == 200:
        with override_settings(KAIKU_PAGE_CACHE_ENABLED=True):
            _wsgi_get(application, path, cookie)
            with CaptureQueriesContext(connection) as queries:
                _wsgi_get(application, path, cookie)
            result["cached_queries"] = len(queries.captured_queries)
            result["cached_cpu_ms"] = _median_cpu_ms(application, path, cookie, repeat)
    return result


# --- Server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    port: int, workers: int, worker_class: str, threads: int, log: Path, page_cache: bool
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PAGE_CACHE": "true" if page_cache else "false",
    }
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
        # Workers are forked from a loaded application: all of them answer from the start
        # (without it the first worker answers /healthz while the second is still booting).
        "--preload",
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


def _cell(load: dict | None, key: str, fmt: str) -> str:
    if not load or load.get(key) is None:
        return "-"
    return format(load[key], fmt)


def print_table(rows: list[dict]) -> None:
    header = (
        f"{'page':<32} {'q':>3} {'cpu':>7} {'cached':>7} | {'srv ms':>7} {'rps':>7} {'p50':>7} "
        f"{'p95':>7} {'×floor':>6} | {'uncached srv ms':>15} {'rps':>7} {'p50':>7} {'p95':>7} "
        f"{'err':>4}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        found = row.get("probe") or {}
        load, uncached = row.get("load"), row.get("load_uncached")
        start = (
            f"{row['name']:<32} {found.get('queries', '-'):>3} {_cell(found, 'cpu_ms', '.2f'):>7} "
            f"{_cell(found, 'cached_cpu_ms', '.2f'):>7}"
        )
        if not load and not uncached:
            print(f"{start}  {row.get('note', '')}")
            continue
        errors = (load or {}).get("errors", 0) + (uncached or {}).get("errors", 0)
        print(
            f"{start} | {_cell(load, 'server_cpu_ms_per_request', '.2f'):>7} "
            f"{_cell(load, 'rps', '.0f'):>7} {_cell(load, 'p50_ms', '.1f'):>7} "
            f"{_cell(load, 'p95_ms', '.1f'):>7} {_cell(load, 'ratio_to_floor', '.3f'):>6} | "
            f"{_cell(uncached, 'server_cpu_ms_per_request', '.2f'):>15} "
            f"{_cell(uncached, 'rps', '.0f'):>7} {_cell(uncached, 'p50_ms', '.1f'):>7} "
            f"{_cell(uncached, 'p95_ms', '.1f'):>7} {errors:>4}"
        )


# --- Command line --------------------------------------------------------------------------


def measure_server(
    args, wrk: str, script: Path, rows: list[dict], *, page_cache: bool, cookie: str | None
) -> dict:
    """Start one server and measure the rows it is for, each bracketed by floor windows."""
    port = free_port()
    name = "cached" if page_cache else "uncached"
    log = BASE_DIR / "var" / f"bench-gunicorn-{name}.log"
    started = time.perf_counter()
    server = start_server(port, args.workers, args.worker_class, args.threads, log, page_cache)
    print(f"gunicorn ({name}) on 127.0.0.1:{port}, up in {time.perf_counter() - started:.1f} s")
    key = "load" if page_cache else "load_uncached"
    floors: list[dict] = []

    def load(path: str, seconds: float, with_cookie: str | None = None) -> dict:
        return run_wrk(
            wrk, script, port, path, args.clients, seconds, server.pid, cookie=with_cookie
        )

    try:
        floor = load(FLOOR.path, args.floor)  # also the floor's warm-up
        floor = load(FLOOR.path, args.floor)
        floors.append(floor)
        for row in rows:
            row_cookie = cookie if row["signed_in"] else None
            if args.warmup > 0:
                load(row["path"], args.warmup, row_cookie)
            result = load(row["path"], args.duration, row_cookie)
            after = load(FLOOR.path, args.floor)
            floors.append(after)
            result["floor_before_rps"] = floor["rps"]
            result["floor_after_rps"] = after["rps"]
            mean_floor = (floor["rps"] + after["rps"]) / 2
            result["ratio_to_floor"] = round(result["rps"] / mean_floor, 4) if mean_floor else None
            row[key] = result
            floor = after
            print(
                f"  {name:<8} {row['name']:<32} {result['rps']:8.1f} req/s  "
                f"p50 {result['p50_ms']:.1f} ms  p95 {result['p95_ms']:.1f} ms  "
                f"server {result['server_cpu_ms_per_request']} ms/req  "
                f"errors {result['errors']}  floor {floor['rps']:.0f}"
            )
    finally:
        stop_server(server)
    rps = [f["rps"] for f in floors]
    return {
        "floor_windows_rps": rps,
        "floor_median_rps": statistics.median(rps),
        "floor_min_rps": min(rps),
        "floor_max_rps": max(rps),
        "floor_server_cpu_ms_per_request": statistics.median(
            f["server_cpu_ms_per_request"] for f in floors if f["server_cpu_ms_per_request"]
        ),
        "floor_p50_ms": statistics.median(f["p50_ms"] for f in floors),
        "floor_p95_ms": statistics.median(f["p95_ms"] for f in floors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("--clients", type=int, default=20, help="concurrent connections")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per page")
    parser.add_argument("--floor", type=float, default=2.0, help="seconds per floor window")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--page", action="append", metavar="NAME", help="only these pages")
    parser.add_argument(
        "--no-uncached", action="store_true", help="skip the server without the page cache"
    )
    parser.add_argument("--output", type=Path, help="results file (default bench/results/)")
    parser.add_argument(
        "--probe-repeat", type=int, default=50, help="in-process requests per page for cpu_ms"
    )
    parser.add_argument("--no-collectstatic", action="store_true")
    args = parser.parse_args(argv)
    run_started = time.perf_counter()
    commit = git_commit()  # what is measured: the code as the run starts

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if os.environ["DJANGO_SETTINGS_MODULE"] != "bench.settings":
        raise SystemExit("bench.pages serves bench.settings; unset DJANGO_SETTINGS_MODULE")
    wrk = ensure_wrk()
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
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
    caches["pages"].clear()

    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    cookie = bench_session_cookie()
    pages = [FLOOR] + [
        p for p in PAGES if p is not FLOOR and (not args.page or p.name in args.page)
    ]
    rows: list[dict] = []
    for page in pages:
        path = page.resolve()
        row: dict = {"name": page.name, "path": path, "signed_in": page.signed_in}
        if path is None:
            row["note"] = "not available (no data for it)"
        elif page.signed_in and cookie is None:
            row["note"] = "not available (no member of the measured group)"
        else:
            row["probe"] = probe(
                application, path, args.probe_repeat, cookie if page.signed_in else None
            )
            if row["probe"]["status"] != 200:
                row["note"] = f"not measured: answers {row['probe']['status']}"
        rows.append(row)
        print(f"  probed {page.name:<32} {row.get('probe', {})}")
    summary = data_summary()
    database = settings.DATABASES["default"]
    caches["pages"].clear()
    connections.close_all()

    measured = [row for row in rows if not row.get("note") and row["name"] != FLOOR.name]
    load_average_start = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(WRK_SCRIPT)
        floors = {
            "cached": measure_server(args, wrk, script, measured, page_cache=True, cookie=cookie)
        }
        if not args.no_uncached:
            anonymous = [row for row in measured if not row["signed_in"]]
            floors["uncached"] = measure_server(
                args, wrk, script, anonymous, page_cache=False, cookie=None
            )
    load_average_end = os.getloadavg()

    now = datetime.now().astimezone()
    result = {
        "date": now.isoformat(timespec="seconds"),
        "commit": commit,
        "machine": machine(),
        "server": {
            "command": "gunicorn config.wsgi",
            "settings": "bench.settings",
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "database": database["ENGINE"].rsplit(".", 1)[-1],
            "page_cache": settings.CACHES["pages"]["BACKEND"].rsplit(".", 1)[-1],
        },
        "load": {
            "tool": subprocess.run([wrk, "--version"], capture_output=True, text=True)
            .stdout.split(" Copyright", 1)[0]
            .strip(),
            "clients": args.clients,
            "duration_s": args.duration,
            "floor_window_s": args.floor,
            "warmup_s": args.warmup,
        },
        "floor": floors,
        "load_average": {"start": load_average_start, "end": load_average_end},
        "elapsed_s": round(time.perf_counter() - run_started, 1),
        "data": summary,
        "pages": rows,
    }
    output = args.output or RESULTS_DIR / f"{now:%Y-%m-%d}-pages.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print_table(rows)
    for name, floor in floors.items():
        print(
            f"Floor ({name}): median {floor['floor_median_rps']:.0f} req/s "
            f"(min {floor['floor_min_rps']:.0f}, max {floor['floor_max_rps']:.0f})"
        )
    print(
        f"Load average {load_average_start[0]:.2f} -> {load_average_end[0]:.2f}; "
        f"{result['elapsed_s']:.0f} s"
    )
    print(f"Written to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
