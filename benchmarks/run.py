"""`make bench`: the benchmark suite, on SQLite and, when DATABASE_URL names one, on PostgreSQL.

For each database: seed it (routines/management/commands/seed_bench.py, cached by seed and
schema), time the pages in-process (benchmarks/server_time.py), start the production server
(gunicorn.conf.py when there is one), drive it with wrk over loopback while watching the
workers' memory, run Lighthouse (benchmarks/lighthouse.mjs) and the weak phone
(benchmarks/weak_phone.py through benchmarks/proxy.py), and write what it found, each target
met or not, to benchmarks/results/latest-<database>.md and .json.

The PostgreSQL run never touches the database DATABASE_URL names: it makes `<name>_bench`
beside it on the same server.
"""

import argparse
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from benchmarks.https_front import NO_NGINX, https_front, nginx
from benchmarks.ports import wait_for_port

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks"
RESULTS = HERE / "results"
CACHE = HERE / "cache"
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Production settings, with fixed keys so that the cached data stays readable between runs.
ENV = {
    "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    "DEBUG": "0",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ENCRYPTION_KEYS": "YmVuY2htYXJrLW9ubHkta2V5LTMyLWJ5dGVzLWxvbmc=",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "HTTPS_BY_PROXY": "1",
    "LOG_LEVEL": "WARNING",
    # Database connections kept between requests, as docs/deploy.md runs production: without,
    # each request (a tap's check-off too) opened its own, some 4 ms more on PostgreSQL.
    "CONN_MAX_AGE": "60",
    # As behind production's proxy: its X-Forwarded-Proto says the phone came over HTTPS (the
    # weak phone's HTTPS run, benchmarks/https_front.py). Plain requests to gunicorn carry none.
    "BEHIND_HTTPS_PROXY": "1",
}
LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_SLICES = 10, 20, 5
GROWTH_ALLOWED_MIB = 2.0  # across the repeated load runs: more than this counts as growing
# gunicorn, the delay proxy in front of it, nginx (HTTPS) in front of gunicorn, the delay proxy in front of nginx.
PORTS = {"sqlite": (8401, 8402, 8403, 8404), "postgresql": (8411, 8412, 8413, 8414)}
MIGRATE_REQ = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def run(args: list, env: dict | None = None, timeout: int = 900, capture: bool = True) -> str:
    result = subprocess.run(
        [str(a) for a in args], env={**os.environ, **ENV, **(env or {})}, cwd=ROOT, timeout=timeout,
        capture_output=capture, text=True,
    )  # fmt: skip
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def django_json(script: str, database_url: str, *args: str) -> dict:
    return json.loads(run([sys.executable, HERE / script, *args], {"DATABASE_URL": database_url}).strip().splitlines()[-1])


def schema_key(seed: int, others: int) -> str:
    """Changes whenever the seeded rows would: the seed, the crowd's size, the migrations, the seeder itself."""
    parts = [str(seed), str(others), (ROOT / "routines/management/commands/seed_bench.py").read_text()]
    parts += sorted(p.name for p in (ROOT / "routines/migrations").glob("0*.py"))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]
    return f"{digest}-{datetime.now(timezone.utc).date()}"  # days end yesterday: a new day, new data


def seed(database_url: str, seed: int, others: int) -> float:
    began = time.monotonic()
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], {"DATABASE_URL": database_url})
    run([sys.executable, "manage.py", "seed_bench", "--seed", seed, "--others", others], {"DATABASE_URL": database_url})
    return round(time.monotonic() - began, 1)


def prepare_sqlite(seed_value: int, others: int) -> tuple[str, dict]:
    """A working copy of the cached, seeded file (the benchmark writes: the cache stays as seeded)."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"sqlite-{schema_key(seed_value, others)}.sqlite3"
    info = {"cached": cached.exists()}
    if not cached.exists():
        for old in CACHE.glob("sqlite-*"):
            old.unlink()
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        info["seed_seconds"] = seed(f"sqlite:///{building}", seed_value, others)
        building.rename(cached)
    work = CACHE / "work.sqlite3"
    for old in CACHE.glob("work.sqlite3*"):
        old.unlink()
    shutil.copyfile(cached, work)
    return f"sqlite:///{work}", info


def prepare_postgresql(given_url: str, seed_value: int, others: int) -> tuple[str, dict]:
    """`<name>_bench` on the server of DATABASE_URL, seeded once per key (kept in the database's comment)."""
    parts = urlsplit(given_url)
    name = f"{parts.path.lstrip('/')}_bench"
    url = urlunsplit(parts._replace(path=f"/{name}"))
    key = schema_key(seed_value, others)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        info = {"cached": bool(row and row[0] == key), "database": name}
        if not info["cached"]:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    if not info["cached"]:
        info["seed_seconds"] = seed(url, seed_value, others)
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{key}'")
    return url, info


# --- the production server under load ----------------------------------------------------


def settle(master: int) -> None:
    """Wait until the workers have booted: their memory the same for a second (twenty at most)."""
    last: dict = {}
    for _ in range(20):
        time.sleep(1)
        sizes = resident_mib(master)
        if sizes and sizes == last:
            return
        last = sizes


def migrates_requests() -> bool:
    """Whether the kernel hands the connections waiting on a closing socket to the others (Linux 5.14+)."""
    try:
        return MIGRATE_REQ.read_text().strip() == "1"
    except OSError:
        return False


def ensure_free(port: int) -> None:
    """Fail on a port in use (a server left by an interrupted run): with SO_REUSEPORT the new server
    would join it without a word, and the figures would mix the two."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds: past TIME_WAIT, never past a listener
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise SystemExit(f"port {port} is in use (a server left from an earlier run?): {error}") from error


@contextmanager
def production_server(database_url: str, port: int, log: Path):
    """gunicorn as production runs it: gunicorn.conf.py when the repository has one, else its defaults with 2 workers."""
    config = ROOT / "gunicorn.conf.py"
    command = [BIN / "gunicorn", *(["-c", config] if config.exists() else ["--workers", "2"]), "--bind", f"127.0.0.1:{port}"]
    command.append("selfcare.wsgi")
    # Workers with sockets of their own, as docs/deploy.md runs production, where the kernel allows
    # it safely (`make bench` sets net.ipv4.tcp_migrate_req when it can); else the one shared socket.
    reuse_port = "1" if migrates_requests() else "0"
    ensure_free(port)
    with log.open("w") as output:
        server = subprocess.Popen([str(c) for c in command], env={**os.environ, **ENV, "DATABASE_URL": database_url, "REUSE_PORT": reuse_port},
                                  cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            wait_for_port(port, server)
            settle(server.pid)
            shown = " ".join(str(c.relative_to(ROOT) if isinstance(c, Path) and c.is_relative_to(ROOT) else c) for c in command)
            yield server, f"REUSE_PORT={reuse_port} {shown}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def worker_stats(master: int) -> dict[int, list[str]]:
    """Each worker's /proc/<pid>/stat fields after its name (which may hold spaces), by process id."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            found[int(stat.parent.name)] = fields
    return found


def workers(master: int) -> list[int]:
    return sorted(worker_stats(master))


def resident_mib(master: int) -> dict[str, float]:
    """Each worker's resident memory, by process id (a worker replaced after max_requests is a new one)."""
    sizes = {}
    for pid in workers(master):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue  # gone between the listing and the reading
        sizes[str(pid)] = round(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024, 1)
    return sizes


def cpu_ticks(master: int) -> dict[int, int]:
    """Each worker's CPU time so far (user and system, in clock ticks), by process id."""
    return {pid: int(fields[11]) + int(fields[12]) for pid, fields in worker_stats(master).items()}


def busiest_share(before: dict[int, int], after: dict[int, int]) -> float | None:
    """The busiest worker's share of the workers' CPU time between two readings: 0.5 for two workers
    sharing the load, 1.0 when one did it all (gthread lets one worker take a burst of new
    connections, and kept alive they stay with it: the requests per second then halve). None
    when a worker was replaced meanwhile (max_requests): the one that left took its time along."""
    if before.keys() != after.keys():
        return None
    used = [after[pid] - before[pid] for pid in after]
    return round(max(used) / sum(used), 2) if sum(used) else None


def wrk(url: str, method: str = "GET", body: str = "", headers: dict | None = None, seconds: int = LOAD_SECONDS) -> dict:
    env = {"WRK_METHOD": method, "WRK_BODY": body, "WRK_HEADERS": "\n".join(f"{k}: {v}" for k, v in (headers or {}).items())}
    output = run(["wrk", "-t2", f"-c{LOAD_CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", HERE / "wrk.lua", url], env,
                 timeout=seconds + 60)  # fmt: skip
    figures = json.loads(output.split("WRK-JSON ", 1)[1].splitlines()[0])
    figures["per_second"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    figures["errors"] = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return figures


def logged_in(given: dict, base: str) -> tuple[Callable[[str], str], dict]:
    """The Cookie header of a seeded person ("heavy", "typical") and the headers of an htmx request from Today."""
    def cookie(who: str) -> str:
        return f"sessionid={given['sessions'][who]}; csrftoken={given['csrf']}"

    return cookie, {"HX-Request": "true", "HX-Current-URL": f"{base}/today/"}


def summed(parts: list[dict]) -> dict:
    """One page's slices of load as one run: counts added, the middle of the medians, the worst of the rest."""
    whole = {key: sum(part[key] for part in parts) for key in ("requests", "duration_us", "connect", "read", "write", "status", "timeout", "errors")}
    whole["latency_p50_us"] = statistics.median(part["latency_p50_us"] for part in parts)
    whole["latency_p99_us"] = max(part["latency_p99_us"] for part in parts)
    whole["latency_max_us"] = max(part["latency_max_us"] for part in parts)
    whole["per_second"] = round(whole["requests"] / (whole["duration_us"] / 1e6), 1)
    whole["busiest_worker_share"] = max((part["busiest_worker_share"] for part in parts if part["busiest_worker_share"]), default=None)
    return whole


def load_and_memory(base: str, server: subprocess.Popen, given: dict) -> tuple[dict, dict]:
    cookie, htmx = logged_in(given, base)
    memory = {"after start": resident_mib(server.pid)}
    runs = {
        "minimal view (no login)": lambda seconds: wrk(f"{base}/bench/minimal/", seconds=seconds),
        "bare page (logged in)": lambda seconds: wrk(f"{base}/bench/bare/", headers={"Cookie": cookie("heavy")}, seconds=seconds),
        "Today, 8 habits": lambda seconds: wrk(f"{base}/today/", headers={"Cookie": cookie("typical")}, seconds=seconds),
        "Today, heavy": lambda seconds: wrk(f"{base}/today/", headers={"Cookie": cookie("heavy")}, seconds=seconds),
        "check-off, heavy": lambda seconds: wrk(
            f"{base}/today/habits/{given['ids']['heavy_check']}/check/", "POST", f"state=done&day={given['day']}",
            {"Cookie": cookie("heavy"), "X-CSRFToken": given["csrf"], "Content-Type": "application/x-www-form-urlencoded", **htmx},
            seconds,
        ),
        "nudge poll 204, heavy": lambda seconds: wrk(
            f"{base}/nudges/?shown={given['fingerprint']}", headers={"Cookie": cookie("heavy"), **htmx}, seconds=seconds
        ),
    }
    # The pages take turns in slices, as in served_times: the same load run twice on this shared
    # machine differed by half, so each page meets the busy and the quiet moments alike.
    def measured(name: str, seconds: int) -> dict:
        before = cpu_ticks(server.pid)
        figures = runs[name](seconds)
        figures["busiest_worker_share"] = busiest_share(before, cpu_ticks(server.pid))
        return figures

    slices: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(LOAD_SLICES):
        for name in runs:
            slices[name].append(measured(name, LOAD_SECONDS // LOAD_SLICES))
            memory[f"after {name}"] = resident_mib(server.pid)
    load = {name: summed(parts) for name, parts in slices.items()}
    for repeat in (2, 3):  # the same load again: memory should settle, not climb
        load[f"Today, heavy (run {repeat})"] = measured("Today, heavy", LOAD_SECONDS)
        memory[f"after Today, heavy (run {repeat})"] = resident_mib(server.pid)
    return load, memory


def first_answers(port: int, given: dict, count: int = 4) -> list[float]:
    """Today's first answers from the workers just started, `count` at once, as a few people coming
    back together after a restart: what they wait for (each worker's first answers are among them
    unless one worker takes every connection)."""
    cookie, _ = logged_in(given, f"http://127.0.0.1:{port}")

    def one(_: int) -> float:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start = time.perf_counter()
        connection.request("GET", "/today/", headers={"Accept-Encoding": "gzip, br", "Cookie": cookie("typical")})
        response = connection.getresponse()
        response.read()
        connection.close()
        if response.status != 200:
            raise SystemExit(f"Today answered {response.status} to a fresh worker")
        return round((time.perf_counter() - start) * 1000, 1)

    with ThreadPoolExecutor(count) as pool:
        return sorted(pool.map(one, range(count)))


def served_times(port: int, given: dict, rounds: int = 150) -> dict:
    """Server time as the issue's figures were taken: one request at a time through gunicorn, each
    page over its own kept-alive connection, asking for gzip as a browser does. The pages take
    turns round by round, so a busy moment on the machine costs each of them alike."""
    cookie, htmx = logged_in(given, f"http://127.0.0.1:{port}")
    states = iter(["done", "none"] * rounds * 2)
    check_url = f"/today/habits/{given['ids']['heavy_check']}/check/"
    form = {"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": given["csrf"], **htmx}
    pages = {
        "bare page (logged in)": lambda: ("GET", "/bench/bare/", None, {"Cookie": cookie("heavy")}),
        "Today, 8 habits": lambda: ("GET", "/today/", None, {"Cookie": cookie("typical")}),
        "Today, heavy": lambda: ("GET", "/today/", None, {"Cookie": cookie("heavy")}),
        "check-off, heavy": lambda: ("POST", check_url, f"state={next(states)}&day={given['day']}", {"Cookie": cookie("heavy"), **form}),
        "nudge poll 204, heavy": lambda: ("GET", f"/nudges/?shown={given['fingerprint']}", None, {"Cookie": cookie("heavy"), **htmx}),
    }
    connections = {name: http.client.HTTPConnection("127.0.0.1", port, timeout=30) for name in pages}
    times: dict[str, list[float]] = {name: [] for name in pages}
    statuses: dict[str, set] = {name: set() for name in pages}
    for round_ in range(rounds + 5):  # the first five warm up
        for name, request in pages.items():
            method, path, body, headers = request()
            start = time.perf_counter()
            connections[name].request(method, path, body, {"Accept-Encoding": "gzip, br", **headers})
            response = connections[name].getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            statuses[name].add(response.status)
            if round_ >= 5:
                times[name].append(elapsed)
    for connection in connections.values():
        connection.close()
    bare = statistics.median(times["bare page (logged in)"])
    found = {}
    for name, runs in times.items():
        runs.sort()
        found[name] = {"median_ms": round(statistics.median(runs), 2), "p95_ms": round(runs[round(0.95 * (len(runs) - 1))], 2),
                       "ratio_to_bare": round(statistics.median(runs) / bare, 2), "statuses": sorted(statuses[name]), "runs": len(runs)}  # fmt: skip
    return found


def lighthouse(base: str, given: dict) -> dict:
    env = {"CHROME_PATH": CHROMIUM}
    cookies = [{"name": "sessionid", "value": given["sessions"]["typical"]}, {"name": "csrftoken", "value": given["csrf"]}]
    pages = [{"name": n, "path": p} for n, p in [("Today", "/today/"), ("Week", "/week/"), ("History", "/history/"), ("Journal", "/journal/")]]
    node = ["node", HERE / "lighthouse.mjs"]
    found = json.loads(run([*node, json.dumps({"base": base, "cookies": cookies, "pages": pages})], env, timeout=600))
    found |= json.loads(run([*node, json.dumps({"base": base, "cookies": [], "pages": [{"name": "Log in", "path": "/accounts/login/"}]})], env))
    return found


@contextmanager
def delay_proxy(listen: int, target: int):
    proxy = subprocess.Popen([sys.executable, HERE / "proxy.py", str(listen), str(target)], cwd=ROOT)
    try:
        wait_for_port(listen, proxy)
        yield
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)


def weak_phone(base: str, proxied: str, given: dict, https: dict) -> dict:
    cookies = {"sessionid": given["sessions"]["typical"], "csrftoken": given["csrf"]}
    arguments = {"direct": base, "proxied": proxied, "https": https, "cookies": cookies, "habit": given["ids"]["typical_check"]}
    return json.loads(run([sys.executable, HERE / "weak_phone.py", json.dumps(arguments)], {"CHROMIUM_PATH": CHROMIUM}, timeout=600))


def push_at_scale(database_url: str) -> dict | str:
    script = HERE / "push_due.py"
    if not script.exists():
        return "benchmarks/push_due.py is not there yet: push at scale was not measured."
    if not database_url.startswith(("postgres://", "postgresql://")):
        return "push at scale runs on PostgreSQL only."
    return json.loads(run([sys.executable, script], {"DATABASE_URL": database_url}, timeout=1200).strip().splitlines()[-1])


# --- the report ----------------------------------------------------------------------------


def versions(database_url: str) -> dict:
    def first_line(command: list[str]) -> str:
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=30, cwd=ROOT)
            return (result.stdout or result.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.TimeoutExpired):
            return "not found"

    found = {
        "python": platform.python_version(),
        "django": run([sys.executable, "-c", "import django; print(django.get_version())"]).strip(),
        "gunicorn": first_line([str(BIN / "gunicorn"), "--version"]),
        "wrk": first_line(["wrk", "--version"]),
        "nginx": first_line([nginx() or "nginx", "-v"]),
        "chromium": first_line([CHROMIUM, "--version"]),
        "node": first_line(["node", "--version"]),
        "lighthouse": json.loads((HERE / "node_modules/lighthouse/package.json").read_text())["version"],
        "app commit": first_line(["git", "log", "-1", "--format=%h %s"]),
    }
    if database_url.startswith("sqlite"):
        found["database"] = f"SQLite {sqlite3.sqlite_version}"
    else:
        with psycopg.connect(database_url) as conn:
            found["database"] = conn.execute("SELECT version()").fetchone()[0].split(" on ")[0]
    return found


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    return {
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.group(1)) / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": os.getloadavg(),
    }


def targets(result: dict) -> list[dict]:
    """Each target of issue #17, with the figure and whether it is met (None: not measured)."""
    pages, load, browser = result["server"]["pages"], result.get("load", {}), result.get("browser", {})
    rows = []

    def add(target: str, figure, met) -> None:
        rows.append({"target": target, "figure": figure, "met": met})

    # Through gunicorn, as the issue's own figures were taken; in-process beside it (no HTTP around it).
    served = result.get("served", {})
    for name, limit, what in [("Today, 8 habits", 2, "Today's server time"), ("Today, heavy", 3, "Today's server time"),
                              ("nudge poll 204, heavy", 1.5, "nudge poll's 204")]:  # fmt: skip
        ratios = [f"{pages[name]['ratio_to_bare']}× in-process"]
        if name in served:
            ratios.insert(0, f"{served[name]['ratio_to_bare']}× through gunicorn")
        ratio = served[name]["ratio_to_bare"] if name in served else pages[name]["ratio_to_bare"]
        add(f"{what} ≤ {limit}× the bare page ({name.split(', ')[-1]})", ", ".join(ratios), ratio <= limit)
    if load:
        bare = load["bare page (logged in)"]["per_second"]
        for name in ("Today, 8 habits", "Today, heavy", "check-off, heavy"):
            ratio = round(load[name]["per_second"] / bare, 2)
            add(f"throughput of {name} ≥ 0.5× the bare page", f"{ratio}×", ratio >= 0.5)
        errors = sum(run_["errors"] for run_ in load.values())
        add("no errors under load", str(errors), errors == 0)
    if "weak phone" in browser:
        for name, figures in browser["weak phone"].items():
            if name != "unthrottled":  # the weak phone over HTTP/1.1, and over HTTPS and HTTP/2
                confirmed = figures["tap_to_confirmed_ms"]
                add(f"tap → confirmed ≤ 190 ms on the {name}", f"{confirmed} ms", confirmed <= 190)
    if "lighthouse" in browser:
        for name, found in browser["lighthouse"].items():
            scores = (found["performance"], found["accessibility"], found["best_practices"])
            add(f"Lighthouse 100/100/100: {name}", "/".join(map(str, scores)), scores == (100, 100, 100))
        today = browser["lighthouse"]["Today"]
        add("Today < 40 KB transferred in ≤ 5 requests", f"{today['bytes'] / 1000:.1f} KB, {today['requests']} requests",
            today["bytes"] < 40_000 and today["requests"] <= 5)  # fmt: skip
    for name, figures in pages.items():
        if name.startswith("bare"):
            continue
        limit = 6 if name.startswith("Today") else 8
        add(f"queries of {name} ≤ {limit}", str(figures["queries"]), figures["queries"] <= limit)
    if "memory" in result:
        snapshots = list(result["memory"].values())
        largest = max(size for snapshot in snapshots for size in snapshot.values())
        add("each worker ≤ 80 MiB resident", f"{largest} MiB at most", largest <= 80)
        target = f"workers not growing across three runs of the same load (≤ {GROWTH_ALLOWED_MIB} MiB)"
        growth = worker_growth(result["memory"])
        if growth is not None:
            add(target, f"{growth:+.1f} MiB", growth <= GROWTH_ALLOWED_MIB)
        else:  # all replaced after max_requests: the largest worker after the first run and the last, then
            first_after, last = result["memory"]["after Today, heavy"], result["memory"]["after Today, heavy (run 3)"]
            growth = max(last.values()) - max(first_after.values())
            add(target, f"{growth:+.1f} MiB (the largest worker; all were replaced in between)", growth <= GROWTH_ALLOWED_MIB)
    return rows


def worker_growth(memory: dict[str, dict[str, float]]) -> float | None:
    """How much the workers grew over the three runs of the same load, in MiB (None: no worker lived long enough).

    A worker counts from the end of the first of those runs it served whole (there before it
    began and after it ended) to the end of the last: one replaced after max_requests starts
    small, and its first requests filling it are no growth.
    """
    snapshots = list(memory)
    runs = ["after Today, heavy", "after Today, heavy (run 2)"]
    last = memory["after Today, heavy (run 3)"]
    grown = []
    for pid, size in last.items():
        for run in runs:
            before = memory[snapshots[snapshots.index(run) - 1]]
            if pid in before and pid in memory[run]:
                grown.append(size - memory[run][pid])
                break
    return max(grown, default=None)


def markdown(result: dict) -> str:
    yes = {True: "✅ met", False: "❌ not met", None: "–"}
    lines = [f"# Selfcare benchmark: {result['database']}", "", f"{result['date']} · `make bench` ({result['duration_s']} s in all)", ""]
    lines += ["## Machine and versions", ""] + [f"- {k}: {v}" for k, v in {**result["machine"], **result["versions"]}.items()]
    lines += [f"- data: {result['data']}", f"- server: `{result.get('server_command', 'not started')}`", ""]
    lines += ["## Targets", "", "| target | figure | |", "|---|---|---|"]
    lines += [f"| {row['target']} | {row['figure']} | {yes[row['met']]} |" for row in result["targets"]]
    lines += ["", "## 1. Server time and queries (in-process, Django's test Client, production settings)", "",
              "Medians and 95th percentiles of repeated requests; × bare: the median over the bare logged-in page's in this run. "
              "Queries are all of one request, the session's and the user's included (the bare page's two).", "",
              "| page | median ms | p95 ms | × bare | queries | bytes | status | runs |", "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name, f in result["server"]["pages"].items():
        lines.append(f"| {name} | {f['median_ms']} | {f['p95_ms']} | {f['ratio_to_bare']} | {f['queries']} | {f['bytes']} | {f['status']} | {f['runs']} |")
    if "served" in result:
        lines += ["", "Through gunicorn (production configuration), one request at a time over a kept-alive connection, gzip asked for, "
                  "the pages taking turns; × bare as above:", "",
                  "| page | median ms | p95 ms | × bare | status | runs |", "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name, f in result["served"].items():
            lines.append(f"| {name} | {f['median_ms']} | {f['p95_ms']} | {f['ratio_to_bare']} | {', '.join(map(str, f['statuses']))} | {f['runs']} |")
    if "first_answers_ms" in result:
        lines += ["", f"Today's first answers from the workers just started, {len(result['first_answers_ms'])} at once (ms): "
                  + ", ".join(map(str, result["first_answers_ms"]))]  # fmt: skip
    if "load" in result:
        lines += ["", f"## 2. Throughput (wrk, {LOAD_CONNECTIONS} connections, loopback; {LOAD_SECONDS} s each, in {LOAD_SLICES} slices taking turns; the repeated runs at once)", "",
                  "The busiest worker's share of the workers' CPU time (the most unequal slice): 0.5 when both "
                  "workers shared the load, 1.0 when one worker had every connection.", "",
                  "| what | requests/s | × minimal | × bare | p50 ms | p99 ms | errors | busiest worker |", "|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        bare = result["load"]["bare page (logged in)"]["per_second"]
        minimal = result["load"]["minimal view (no login)"]["per_second"]
        for name, f in result["load"].items():
            lines.append(f"| {name} | {f['per_second']} | {f['per_second'] / minimal:.2f} | {f['per_second'] / bare:.2f} | {f['latency_p50_us'] / 1000:.1f} "
                         f"| {f['latency_p99_us'] / 1000:.1f} | {f['errors']} | {f.get('busiest_worker_share') or '–'} |")
    browser = result.get("browser", {})
    if "lighthouse" in browser:
        lines += ["", "## 3. In the browser (Lighthouse, mobile, Debian's Chromium; the typical person)", "",
                  "| page | performance | accessibility | best practices | bytes | requests | FCP ms | not passing |", "|---|---:|---:|---:|---:|---:|---:|---|"]  # fmt: skip
        for name, f in browser["lighthouse"].items():
            lines.append(f"| {name} | {f['performance']} | {f['accessibility']} | {f['best_practices']} | {f['bytes']} | {f['requests']} | {f['fcp_ms']} | {', '.join(f['failing']) or '–'} |")
    if "weak phone" in browser:
        lines += ["", "## 4. Weak phone (4× CPU, 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, through benchmarks/proxy.py)", "",
                  "| | protocol | first contentful paint ms | tap → shown ms | tap → request sent ms | tap → answer arrived ms | tap → confirmed ms (median / max) |", "|---|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name, f in browser["weak phone"].items():
            lines.append(f"| {name} | {f['protocol']} | {f['first_contentful_paint_ms']} | {f['tap_to_shown_ms']} | {f['tap_to_sent_ms']} | {f['tap_to_answer_ms']} | {f['tap_to_confirmed_ms']} / {f['tap_to_confirmed_max_ms']} |")
    if "memory" in result:
        lines += ["", "## 5. Memory (resident MiB of each worker, by process id)", "", "| when | workers |", "|---|---|"]
        for when, sizes in result["memory"].items():
            lines.append(f"| {when} | " + ", ".join(f"{pid}: {mib}" for pid, mib in sizes.items()) + " |")
    lines += ["", "## 6. Push at scale", ""]
    push = result.get("push")
    lines += [f"```json\n{json.dumps(push, indent=2)}\n```" if isinstance(push, dict) else str(push)]
    lines += ["", "## Where Today's time goes (pyinstrument, heavy person, 5 requests)", "", "```", result["server"]["profile_today_heavy"], "```"]
    lines += ["", "Self time by function (the top):", "", "```", result["server"]["profile_today_heavy_flat"], "```"]
    lines += ["", "## Statistics alone (benchmarks/bench_stats.py: computation only, records in memory)", "", "```", result["bench_stats"].strip(), "```", ""]
    return "\n".join(lines)


def bench(database: str, database_url: str, data: dict, options: argparse.Namespace) -> dict:
    began = time.monotonic()
    result = {"database": database, "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
              "versions": versions(database_url), "data": data}  # fmt: skip
    print(f"[{database}] server time and queries, in-process...", flush=True)
    given = django_json("server_time.py", database_url)
    result["server"] = {key: given[key] for key in ("pages", "profile_today_heavy", "profile_today_heavy_flat")}
    app_port, proxy_port, front_port, front_proxy_port = PORTS[database]
    base = f"http://127.0.0.1:{app_port}"
    with production_server(database_url, app_port, CACHE / f"gunicorn-{database}.log") as (server, command):
        result["server_command"] = command
        print(f"[{database}] server time through gunicorn...", flush=True)
        result["first_answers_ms"] = first_answers(app_port, given)
        result["served"] = served_times(app_port, given)
        if "load" not in options.skip:
            print(f"[{database}] throughput with wrk and memory...", flush=True)
            result["load"], result["memory"] = load_and_memory(base, server, given)
        result["browser"] = {}
        if "lighthouse" not in options.skip:
            print(f"[{database}] Lighthouse...", flush=True)
            result["browser"]["lighthouse"] = lighthouse(base, given)
        if "phone" not in options.skip:
            print(f"[{database}] weak phone...", flush=True)
            with delay_proxy(proxy_port, app_port), https_front(front_port, app_port) as spki:
                with delay_proxy(front_proxy_port, front_port):
                    https = {"proxied": f"https://127.0.0.1:{front_proxy_port}", "spki": spki}
                    result["browser"]["weak phone"] = weak_phone(base, f"http://127.0.0.1:{proxy_port}", given, https)
    result["push"] = push_at_scale(database_url if database == "postgresql" else "")
    result["bench_stats"] = run([sys.executable, HERE / "bench_stats.py"])
    result["targets"] = targets(result)
    result["duration_s"] = round(time.monotonic() - began)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--others", type=int, default=1000, help="other people in the database (the issue asks for 1,000)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["load", "lighthouse", "phone", "sqlite", "postgresql"])
    options = parser.parse_args()
    if "phone" not in options.skip and nginx() is None:
        raise SystemExit(NO_NGINX)  # now, not after the load runs
    RESULTS.mkdir(exist_ok=True)
    CACHE.mkdir(exist_ok=True)
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"])  # WhiteNoise serves them, as in production
    given_url = os.environ.get("DATABASE_URL", "")
    databases = [] if "sqlite" in options.skip else ["sqlite"]
    if given_url.startswith(("postgres://", "postgresql://")) and "postgresql" not in options.skip:
        databases.append("postgresql")
    for database in databases:
        print(f"[{database}] seeding (or reusing the cached data)...", flush=True)
        if database == "sqlite":
            url, info = prepare_sqlite(options.seed, options.others)
        else:
            url, info = prepare_postgresql(given_url, options.seed, options.others)
        how = "cached" if info["cached"] else f"seeded in {info['seed_seconds']} s"
        data = (f"seed {options.seed}: a heavy person (20 habits × 3 years, a check-in every day), a typical one "
                f"(8 habits × 1 year), {options.others} others (8 habits × 1 year, a mood on about half the days); {how}")  # fmt: skip
        result = bench(database, url, data, options)
        (RESULTS / f"latest-{database}.json").write_text(json.dumps(result, indent=2, default=str) + "\n")
        (RESULTS / f"latest-{database}.md").write_text(markdown(result))
        met = [row["met"] for row in result["targets"]]
        print(f"[{database}] {met.count(True)} of {len(met)} targets met: benchmarks/results/latest-{database}.md", flush=True)


if __name__ == "__main__":
    main()
