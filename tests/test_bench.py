"""The benchmark's own tools (make bench): the seeded data and the weak phone's network."""

import asyncio
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from benchmarks.https_front import CONFIG, certificate, nginx, spki_hash
from benchmarks.ports import free_port
from benchmarks.proxy import Profile, start_proxy
from routines.days import user_today
from routines.management.commands.seed_bench import HEAVY, TYPICAL
from routines.models import DayRecord, Habit, JournalEntry, Pause, User

SMALL = {"others": 3, "other_days": 12, "heavy_days": 30}


def snapshot() -> tuple[list, list, list]:
    records = DayRecord.objects.order_by("habit__owner__username", "habit__position", "day")
    entries = JournalEntry.objects.order_by("owner__username", "day")
    return (
        list(Habit.objects.order_by("owner__username", "position").values_list("owner__username", "name", "schedule", "reminders")),
        [(r.habit.owner.username, r.habit.name, r.day, r.status, r.value, r.note) for r in records.select_related("habit__owner")],
        [(e.owner.username, e.day, e.mood, e.feelings, e.text) for e in entries.select_related("owner")],
    )


def test_seed_bench_makes_the_heavy_the_typical_and_the_other_people(db):
    call_command("seed_bench", seed=5, **SMALL)
    heavy, typical = User.objects.get(username=HEAVY), User.objects.get(username=TYPICAL)
    assert User.objects.filter(username__startswith="bench-0").count() == 3
    assert heavy.habits.count() == 20 and typical.habits.count() == 8
    assert Habit.objects.count() == 20 + 8 + 3 * 8
    assert {h.schedule for h in heavy.habits.all()} == set(Habit.Schedule.values)
    assert heavy.habits.filter(reminders=["00:00"]).count() == 3
    assert Pause.objects.filter(habit__owner=heavy).exists()
    # The heavy person: a check-in every one of their 30 days, records on most; nobody's today is logged yet.
    assert heavy.journal_entries.count() == 30 and all(e.text and e.feelings for e in heavy.journal_entries.all())
    assert 20 * 30 * 0.4 < DayRecord.objects.filter(habit__owner=heavy).count() <= 20 * 30
    assert not DayRecord.objects.filter(day__gte=user_today(heavy)).exists()
    other = User.objects.get(username="bench-0001")
    assert DayRecord.objects.filter(habit__owner=other).count() <= 8 * 12
    assert other.check_password("bench-password")


def test_seed_bench_gives_the_same_rows_for_the_same_seed(db):
    call_command("seed_bench", seed=7, **SMALL)
    first = snapshot()
    User.objects.all().delete()
    call_command("seed_bench", seed=7, **SMALL)
    assert snapshot() == first
    User.objects.all().delete()
    call_command("seed_bench", seed=8, **SMALL)
    assert snapshot()[1] != first[1]


def test_seed_bench_refuses_a_database_that_has_them_already(db):
    call_command("seed_bench", seed=1, others=0, other_days=1, heavy_days=2)
    with pytest.raises(CommandError, match="already there"):
        call_command("seed_bench", seed=1, others=0, other_days=1, heavy_days=2)


def through_proxy(profile: Profile, request: bytes, answer_size: int) -> tuple[float, bytes]:
    """Seconds from sending `request` through the proxy to having the whole answer back.

    In a thread of its own: the browser tests' Playwright keeps an event loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, round_trip(profile, request, answer_size)).result(timeout=30)


async def round_trip(profile: Profile, request: bytes, answer_size: int) -> tuple[float, bytes]:

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readexactly(len(request))
        writer.write(b"x" * answer_size)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    proxy = await start_proxy(0, server.sockets[0].getsockname()[1], profile)
    reader, writer = await asyncio.open_connection("127.0.0.1", proxy.sockets[0].getsockname()[1])
    began = time.monotonic()
    writer.write(request)
    await writer.drain()
    received = await reader.readexactly(answer_size)
    elapsed = time.monotonic() - began
    writer.close()
    proxy.close()
    server.close()
    return elapsed, received


def test_the_delay_proxy_adds_a_round_trip_for_the_handshake_and_one_for_the_request():
    elapsed, received = through_proxy(Profile(round_trip=0.2, down_bits=1e9, up_bits=1e9), b"ping", 10)
    assert received == b"x" * 10
    assert 0.4 <= elapsed < 1.2


def test_the_delay_proxy_holds_bytes_to_its_bandwidth():
    # 8 kB down at 80 kbit/s: 0.8 s, whatever loopback could do.
    elapsed, received = through_proxy(Profile(round_trip=0, down_bits=80_000, up_bits=1e9), b"ping", 8000)
    assert len(received) == 8000
    assert 0.75 <= elapsed < 3.0


def bench_result(served_today: float, in_process_today: float, memory: dict) -> dict:
    page = {"ratio_to_bare": 1.0, "queries": 2}
    pages = {"bare page (logged in)": page, "Today, 8 habits": {**page, "ratio_to_bare": in_process_today},
             "Today, heavy": page, "nudge poll 204, heavy": page}  # fmt: skip
    served = {name: {"ratio_to_bare": 1.0} for name in pages} | {"Today, 8 habits": {"ratio_to_bare": served_today}}
    return {"server": {"pages": pages}, "served": served, **({"memory": memory} if memory else {})}


def target(result: dict, starting: str) -> dict:
    from benchmarks.run import targets

    return next(row for row in targets(result) if row["target"].startswith(starting))


def test_the_server_time_target_is_judged_through_gunicorn_as_the_issue_measured_it_with_in_process_beside_it():
    row = target(bench_result(served_today=1.9, in_process_today=6.0, memory={}), "Today's server time ≤ 2×")
    assert row["met"] is True and row["figure"] == "1.9× through gunicorn, 6.0× in-process"
    assert target(bench_result(2.1, 1.5, {}), "Today's server time ≤ 2×")["met"] is False


def test_worker_growth_compares_the_first_and_the_last_run_of_the_same_load_not_a_worker_replaced_in_between():
    memory = {
        "after start": {"1": 40.0, "2": 40.0},
        "after Today, heavy": {"1": 60.0, "2": 61.0},
        "after nudge poll 204, heavy": {"2": 61.0, "3": 40.0},  # worker 1 replaced after max_requests
        "after Today, heavy (run 2)": {"2": 61.5, "3": 60.0},
        "after Today, heavy (run 3)": {"2": 61.8, "3": 60.2},
    }
    row = target(bench_result(1.0, 1.0, memory), "workers not growing")
    assert row["figure"] == "+0.8 MiB" and row["met"] is True
    memory["after Today, heavy (run 3)"]["2"] = 70.0
    assert target(bench_result(1.0, 1.0, memory), "workers not growing")["met"] is False
    memory["after Today, heavy (run 3)"] = {"4": 61.5, "5": 60.0}  # both replaced again
    row = target(bench_result(1.0, 1.0, memory), "workers not growing")
    assert row["figure"].startswith("+0.5 MiB (the largest worker") and row["met"] is True


def test_worker_growth_counts_a_worker_replaced_during_the_first_run_from_the_first_run_it_served_whole():
    memory = {
        "after nudge poll 204, heavy": {"1": 64.0, "2": 64.0},
        "after Today, heavy": {"1": 64.2, "3": 51.7},  # worker 2 replaced during the run: 3 served only its end
        "after check-off, heavy": {"1": 64.3, "3": 58.3},
        "after Today, heavy (run 2)": {"1": 64.9, "3": 65.1},
        "after Today, heavy (run 3)": {"1": 65.0, "3": 65.2},
    }
    row = target(bench_result(1.0, 1.0, memory), "workers not growing")
    assert row["figure"] == "+0.8 MiB" and row["met"] is True  # worker 1 from run 1; worker 3 (+0.1) from run 2
    memory["after Today, heavy (run 3)"]["3"] = 68.0
    assert target(bench_result(1.0, 1.0, memory), "workers not growing")["figure"] == "+2.9 MiB"


async def round_trip_beside_a_new_connection(profile: Profile) -> float:
    """Seconds for a request on a connection in use while another connection is still in its handshake."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await reader.read(4):
            writer.write(b"pong")
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    proxy = await start_proxy(0, server.sockets[0].getsockname()[1], profile)
    port = proxy.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"ping")
    await reader.readexactly(4)  # this connection's handshake is behind it
    _, newcomer = await asyncio.open_connection("127.0.0.1", port)
    newcomer.write(b"ping")
    await newcomer.drain()
    await asyncio.sleep(0.05)  # the proxy has the newcomer's bytes, waiting for its handshake
    began = time.monotonic()
    writer.write(b"ping")
    await reader.readexactly(4)
    elapsed = time.monotonic() - began
    writer.close()
    newcomer.close()
    proxy.close()
    server.close()
    return elapsed


def test_a_new_connections_handshake_does_not_hold_back_the_others_bytes():
    with ThreadPoolExecutor(1) as pool:
        elapsed = pool.submit(asyncio.run, round_trip_beside_a_new_connection(Profile(round_trip=0.2, down_bits=1e9, up_bits=1e9))).result(timeout=30)
    assert 0.2 <= elapsed < 0.3  # one round trip, not two


def test_slices_of_load_add_up_to_one_run():
    from benchmarks.run import summed

    errors = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    parts = [
        {"requests": 400, "duration_us": 2_000_000, "status": 0, "errors": 0, "latency_p50_us": 9_000, "latency_p99_us": 40_000, "latency_max_us": 50_000, "busiest_worker_share": 0.5, **errors},
        {"requests": 200, "duration_us": 2_000_000, "status": 1, "errors": 1, "latency_p50_us": 20_000, "latency_p99_us": 90_000, "latency_max_us": 95_000, "busiest_worker_share": 0.97, **errors},
        {"requests": 300, "duration_us": 2_000_000, "status": 0, "errors": 0, "latency_p50_us": 12_000, "latency_p99_us": 60_000, "latency_max_us": 70_000, "busiest_worker_share": None, **errors},
    ]  # fmt: skip
    whole = summed(parts)
    assert whole["requests"] == 900 and whole["per_second"] == 150.0 and whole["errors"] == 1 and whole["status"] == 1
    assert (whole["latency_p50_us"], whole["latency_p99_us"], whole["latency_max_us"]) == (12_000, 90_000, 95_000)
    assert whole["busiest_worker_share"] == 0.97  # the most unequal slice


def test_the_busiest_workers_share_is_unknown_when_a_worker_was_replaced_meanwhile():
    from benchmarks.run import busiest_share

    assert busiest_share({101: 500, 102: 500}, {101: 600, 102: 600}) == 0.5
    assert busiest_share({101: 500, 102: 500}, {101: 1490, 102: 510}) == 0.99
    assert busiest_share({101: 500, 102: 500}, {101: 600, 103: 300}) is None  # 103 replaced 102 and its time left with it
    assert busiest_share({101: 500}, {101: 500}) is None


def test_the_https_fronts_certificate_is_for_loopback_and_its_key_hash_is_the_one_chromium_is_given(tmp_path):
    from cryptography import x509

    spki = certificate(tmp_path)
    cert = x509.load_pem_x509_certificate((tmp_path / "cert.pem").read_bytes())
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(address) for address in names.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    assert spki == spki_hash(cert) and len(spki) == 44  # base64 of a SHA-256
    key = tmp_path / "key.pem"
    assert b"PRIVATE KEY" in key.read_bytes() and key.stat().st_mode & 0o777 == 0o600


def test_the_https_front_proxies_as_docs_deploy_md_tells_production_to():
    deploy = (Path(__file__).resolve().parent.parent / "docs" / "deploy.md").read_text()
    documented = re.search(r"location / \{\n(.*?)\n    \}", deploy, re.S).group(1)
    config = CONFIG.format(prefix="/p", port=1, app_port=2)
    directives = [line.strip() for line in documented.splitlines()]
    # The one difference: the port too, as the bench's site is 127.0.0.1:<port>.
    host = directives.index("proxy_set_header Host $host;")
    directives[host] = "proxy_set_header Host $http_host;"
    assert all(directive in config for directive in directives)
    assert "keepalive 32;" in config and "ssl http2;" in config


@pytest.mark.skipif(nginx() is None, reason="make bench installs nginx; make test does not need it")
def test_nginx_takes_the_https_fronts_configuration(tmp_path):
    certificate(tmp_path)
    (tmp_path / "nginx.conf").write_text(CONFIG.format(prefix=tmp_path, port=free_port(), app_port=free_port()))
    checked = subprocess.run([nginx(), "-t", "-p", tmp_path, "-c", tmp_path / "nginx.conf", "-e", tmp_path / "error.log"],
                             capture_output=True, text=True, timeout=30)  # fmt: skip
    assert checked.returncode == 0, checked.stderr
