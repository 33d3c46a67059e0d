"""Load test: 50 staff sessions browsing and saving drafts while the press monitor ingests.

Not a timed test: run it by hand (``make load``), on a quiet machine. Everything listens on and
talks to 127.0.0.1 only, and every process it starts is stopped at the end.

What it does:
1. prepares a fresh data folder under ``var/load/<engine>/`` (``ttdn demo --no-serve``: migrations,
   the demo's units, plan, report cycle, users and monitoring sources);
2. starts the demo press site, ``ttdn monitor run`` (every source forced due every 30 s, so the
   monitor keeps fetching and writing while the staff work), ``ttdn worker`` and ``ttdn serve``
   (gunicorn, WEB_WORKERS x WEB_THREADS);
3. opens ``--users`` sessions over 25 s (real logins of the demo users, round robin), each of
   which, for ``--seconds``, after a random pause of 0 to 2 x ``--think`` (5 s), picks a page:
   the admin home, the task list, a task, the report list, a unit report, the dashboard, the
   monitoring overview and search; officers also save progress (the task form) and report
   drafts (the submission form), with the form's CSRF token;
4. records every request (page, status, seconds) and counts errors: any status >= 400, any
   transport error, a form answered with errors, and any "database is locked" in the server log.

Results: ``bench/results/load-<engine>.json`` (requests, errors, p50/p95/max per page).

Run: ``.venv/bin/python bench/load.py --engine sqlite|postgresql [--seconds 300] [--users 50]``
(PostgreSQL: database ``ttdn_ops_load`` on 127.0.0.1:5432, dropped and created afresh; set
``LOAD_DATABASE_URL`` to use another).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ttdn_ops_load"
OFFICERS = ("daumoi.sct", "daumoi.stp")
USERS = ("admin", "dieuphoi", "lanhdao.sct", *OFFICERS)

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TASK_LINK = re.compile(r'href="(/admin/reporting/tasks/\d+/)"')
_REPORT_LINK = re.compile(r'href="(/admin/reporting/reports/\d+/)"')
_INDICATOR = re.compile(r'name="(indicator_\d+)"[^>]*?(?:value="([^"]*)")?')
_FORM_ERROR = re.compile(r'class="[^"]*error-message|class="errorlist')


@dataclass
class Record:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.samples[page].append(seconds)
            if error:
                self.errors[page] += 1
                if len(self.error_examples) < 20:
                    self.error_examples.append(f"{page}: {error}")


def _environment(engine: str, data: Path, port: int, press_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATA_DIR": str(data),
            "PORT": str(port),
            "HOST": "127.0.0.1",
            "DEMO_PRESS_PORT": str(press_port),
            "SECURE_COOKIES": "False",
            "MONITORING_ALLOW_NETWORKS": "127.0.0.1/32",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    if engine == "postgresql":
        env["DATABASE_URL"] = os.environ.get("LOAD_DATABASE_URL", POSTGRES_URL)
    else:
        env.pop("DATABASE_URL", None)
    return env


def _recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


class Session:
    def __init__(self, base: str, username: str, password: str, record: Record) -> None:
        # A new connection per request: a kept-alive connection that gunicorn closes just as the
        # next request leaves would be reset (a browser retries those; this client would not).
        self.client = httpx.Client(
            base_url=base,
            timeout=60,
            follow_redirects=False,
            limits=httpx.Limits(max_keepalive_connections=0),
        )
        self.username = username
        self.record = record
        self.tasks: list[str] = []
        self.reports: list[str] = []
        self._login(password)

    def get(self, page: str, url: str) -> str:
        started = time.perf_counter()
        try:
            response = self.client.get(url)
        except httpx.HTTPError as exc:
            self.record.add(page, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            return ""
        error = f"HTTP {response.status_code} {url}" if response.status_code >= 400 else None
        if response.status_code in (301, 302) and "/login/" in response.headers.get("location", ""):
            error = f"logged out at {url}"
        self.record.add(page, time.perf_counter() - started, error)
        return response.text

    def post(self, page: str, url: str, data: dict[str, str]) -> None:
        form = self.client.get(url).text
        token = _CSRF.search(form)
        started = time.perf_counter()
        if token is None:
            self.record.add(page, 0.0, f"no CSRF token on {url}")
            return
        try:
            response = self.client.post(
                url,
                data={"csrfmiddlewaretoken": token.group(1), **self._fields(page, form), **data},
                headers={"Referer": str(self.client.base_url) + url},
            )
        except httpx.HTTPError as exc:
            self.record.add(page, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
            return
        elapsed = time.perf_counter() - started
        if response.status_code >= 400:
            self.record.add(page, elapsed, f"HTTP {response.status_code} {url}")
        elif response.status_code == 200 and _FORM_ERROR.search(response.text):
            self.record.add(page, elapsed, f"form refused at {url}")
        else:
            self.record.add(page, elapsed, None)

    @staticmethod
    def _fields(page: str, form: str) -> dict[str, str]:
        if page != "POST report draft":
            return {}
        return {name: unescape(value or "1") for name, value in _INDICATOR.findall(form)}

    def _login(self, password: str) -> None:
        form = self.client.get("/admin/login/").text
        token = _CSRF.search(form)
        if token is None:
            raise RuntimeError("no CSRF token on the login page")
        started = time.perf_counter()
        response = self.client.post(
            "/admin/login/",
            data={
                "csrfmiddlewaretoken": token.group(1),
                "username": self.username,
                "password": password,
                "next": "/admin/",
            },
            headers={"Referer": str(self.client.base_url) + "/admin/login/"},
        )
        ok = response.status_code == 302 and "/login/" not in response.headers["location"]
        self.record.add("POST login", time.perf_counter() - started, None if ok else "login")
        if not ok:
            raise RuntimeError(f"cannot log in as {self.username}")
        self.tasks = sorted(
            set(_TASK_LINK.findall(self.get("task list", "/admin/reporting/tasks/")))
        )
        self.reports = sorted(
            set(_REPORT_LINK.findall(self.get("report list", "/admin/reporting/reports/")))
        )

    def step(self, rng: random.Random) -> None:
        officer = self.username in OFFICERS
        choices = ["home", "task list", "report list", "monitoring", "search"]
        if self.tasks:
            choices.append("task")
        if self.reports:
            choices.append("report")
        if self.username in ("admin", "dieuphoi"):
            choices.append("dashboard")
        if officer and self.tasks:
            choices += ["POST progress"] * 2
        if officer and self.reports:
            choices += ["POST report draft"] * 2
        page = rng.choice(choices)
        if page == "home":
            self.get(page, "/admin/")
        elif page == "task list":
            self.get(page, "/admin/reporting/tasks/")
        elif page == "report list":
            self.get(page, "/admin/reporting/reports/")
        elif page == "monitoring":
            self.get(page, "/admin/monitoring/")
        elif page == "search":
            self.get(page, "/admin/monitoring/search/?q=" + rng.choice(["Bắc Ninh", "vải thiều"]))
        elif page == "dashboard":
            self.get(page, "/admin/reporting/dashboard/")
        elif page == "task":
            self.get(page, rng.choice(self.tasks))
        elif page == "report":
            self.get(page, rng.choice(self.reports))
        elif page == "POST progress":
            today = datetime.now(UTC).strftime("%d/%m/%Y")
            self.post(
                page,
                rng.choice(self.tasks),
                {
                    "progress-status": "in_progress",
                    "progress-percent": str(rng.randint(1, 99)),
                    "progress-reported_on": today,
                    "progress-narrative": f"Tiến độ cập nhật lúc {time.strftime('%H:%M:%S')}.",
                    "progress-reason": "",
                },
            )
        elif page == "POST report draft":
            self.post(
                page,
                rng.choice(self.reports),
                {"action": "save", "narrative": f"Bản nháp {time.strftime('%H:%M:%S')}."},
            )


def _user_loop(
    base: str, username: str, password: str, until: float, record: Record, seed: int, think: float
) -> None:
    rng = random.Random(seed)
    try:
        session = Session(base, username, password, record)
    except (RuntimeError, httpx.HTTPError) as exc:
        record.add("POST login", 0.0, str(exc))
        return
    while time.monotonic() < until:
        session.step(rng)
        time.sleep(rng.uniform(0, 2 * think))


def _wait_healthy(base: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=5).status_code in (200, 503):
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the server at {base} did not answer within {seconds} s")


def _force_due(env: dict[str, str], stop: threading.Event, failures: list[str]) -> None:
    """Every 30 s, mark every source due, so the monitor fetches and writes throughout."""
    code = (
        "from django.utils import timezone; from ttdn.monitoring.models import Source; "
        "Source.objects.update(next_poll_at=timezone.now(), etag='', last_modified='')"
    )
    while not stop.wait(30):
        done = subprocess.run(  # noqa: S603 (our own command)
            [str(BIN / "ttdn"), "manage", "shell", "-c", code],
            env=env,
            check=False,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            failures.append(f"making the sources due failed: {done.stderr.strip()[-300:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--think", type=float, default=5.0, help="mean pause between pages (s)")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--press-port", type=int, default=8791)
    args = parser.parse_args()

    data = ROOT / "var" / "load" / args.engine
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    env = _environment(args.engine, data, args.port, args.press_port)
    if args.engine == "postgresql":
        _recreate_postgres(env["DATABASE_URL"])
    ttdn = str(BIN / "ttdn")
    print("preparing the demo data…", flush=True)
    subprocess.run([ttdn, "demo", "--no-serve"], env=env, check=True, capture_output=True)  # noqa: S603
    password = (data / "demo_password").read_text(encoding="utf-8").strip()

    logs = data / "logs"
    logs.mkdir()
    processes: list[subprocess.Popen[bytes]] = []

    def start(name: str, *command: str) -> None:
        out = (logs / f"{name}.log").open("wb")
        processes.append(
            subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        )

    code = (
        "import sys, time; from ttdn.demo.press_site import PressSite;"
        f"PressSite({args.press_port}).start(); time.sleep(10**6)"
    )
    start("press", str(BIN / "python"), "-c", code)
    start("serve", ttdn, "serve")
    start("worker", ttdn, "worker")
    start("monitor", ttdn, "monitor", "run", "--every", "10")
    stop = threading.Event()
    failures: list[str] = []
    forcer = threading.Thread(target=_force_due, args=(env, stop, failures), daemon=True)
    base = f"http://127.0.0.1:{args.port}"
    record = Record()
    try:
        _wait_healthy(base, 180)
        forcer.start()
        print(f"{args.users} sessions for {args.seconds} s on {args.engine}…", flush=True)
        started = time.monotonic()
        until = started + args.seconds
        threads = [
            threading.Thread(
                target=_user_loop,
                args=(base, USERS[i % len(USERS)], password, until, record, i, args.think),
            )
            for i in range(args.users)
        ]
        for thread in threads:  # the sessions arrive over the first 25 s
            thread.start()
            time.sleep(25 / args.users)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        health = httpx.get(base + "/healthz", timeout=30).json()
    finally:
        stop.set()
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

    server_log = "\n".join(p.read_text(errors="replace") for p in sorted(logs.glob("*.log")))
    locked = server_log.count("database is locked")
    tracebacks = server_log.count("Traceback")
    monitor_passes = (logs / "monitor.log").read_text(errors="replace").count("sources polled")
    pages = {
        page: {
            "requests": len(values),
            "errors": record.errors.get(page, 0),
            "p50_ms": round(_percentile(values, 0.50) * 1000, 1),
            "p95_ms": round(_percentile(values, 0.95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1),
        }
        for page, values in sorted(record.samples.items())
    }
    total = sum(p["requests"] for p in pages.values())
    # The monitor must have worked during the run, or the test did not test what it says.
    if monitor_passes == 0:
        failures.append("the press monitor did no work during the run")
    errors = sum(p["errors"] for p in pages.values()) + locked + len(failures)
    result = {
        "engine": args.engine,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(elapsed),
        "users": args.users,
        "think_seconds": args.think,
        "web_workers_threads": [env.get("WEB_WORKERS", "2"), env.get("WEB_THREADS", "4")],
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "errors": errors,
        "database_is_locked": locked,
        "server_tracebacks": tracebacks,
        "monitor_passes_with_work": monitor_passes,
        "health_after": health,
        "error_examples": failures + record.error_examples,
        "pages": pages,
        "machine": f"{os.cpu_count()} cores, shared with other work during the run",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"load-{args.engine}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{total} requests, {errors} errors ({locked} 'database is locked'); {out}")
    for page, figures in pages.items():
        print(
            f"  {page:<20} {figures['requests']:>6} req {figures['errors']:>3} err "
            f"p95 {figures['p95_ms']:>8.1f} ms"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
