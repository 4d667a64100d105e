"""The production app server's settings: `gunicorn selfcare.wsgi` reads this file from the working directory.

Threaded workers with keep-alive: a phone's taps on Today reuse one connection, so a check-off
costs one round trip, not a new TCP (and TLS, without a proxy) handshake each time; on a 150 ms
mobile link that handshake is as long as the request itself. An idle kept-alive connection waits
in the worker's selector, not in a thread, so it costs almost nothing. See docs/deploy.md.
"""

import gc
import os
from typing import Any

# PORT and WEB_CONCURRENCY are the names most platforms set.
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8001')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
# Two threads, not more: a page is mostly Python (templates), and threads of one process take
# turns on one core. Measured with wrk on Today (2 workers): 216 requests/s with 2 threads, 138
# with 4 (they queue behind each other for the interpreter); the bare page loses 4% (1,542 vs 1,608).
# A second thread still lets a slow answer (a download of all one's data) share the worker.
threads = int(os.environ.get("THREADS", "2"))
keepalive = int(os.environ.get("KEEPALIVE_SECONDS", "30"))
# REUSE_PORT=1: each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
# connections over them. On the one shared socket, whichever worker wakes first takes a burst of
# them and, kept alive, they stay with it: in `make bench` one worker then served a run alone, at
# about half the requests per second. Only with net.ipv4.tcp_migrate_req=1 (Linux 5.14+), else the
# connections waiting on a replaced worker's socket are reset; docs/deploy.md says how to set it.
# Not with one worker (replaced, it would leave no socket) nor a Unix socket (one file, not shared).
reuse_port = os.environ.get("REUSE_PORT") == "1" and workers > 1 and not bind.startswith("unix:")

# A worker is replaced after about this many requests (spread out, so they are not replaced at
# once): whatever a long-running process accumulates is bounded.
max_requests = 5000
max_requests_jitter = 500
# Django and the app are imported once, before the workers are forked, with the views imported
# and the templates compiled (when_ready below): workers start ready (also when replaced) and
# share that memory until they write to it.
preload_app = True

# An access log without the query string ("%(U)s" is the path alone), the client's address or
# its browser. Private calendar addresses are replaced in it too (routines.log_filters.AccessLogger).
accesslog = os.environ.get("ACCESS_LOG", "-") or None
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
logger_class = "routines.log_filters.AccessLogger"

# gunicorn's control socket (one fixed path per user) is not used: several app servers on one
# machine would fight over it.
control_socket_disable = True


def when_ready(server: Any) -> None:
    """Before the first worker is forked: the app loaded above made ready (routines/warmup.py), once, for all of them."""
    if server.cfg.preload_app:
        from routines.warmup import warm_up

        warm_up()


def pre_fork(server: Any, worker: Any) -> None:
    """Before each worker is forked: what the master holds goes out of the garbage collector's sight.

    As the gc module's docs advise for a fork without exec: a worker's collections then never
    walk the master's objects (the views, the compiled templates), so they take no time over
    them and write nothing to their shared pages for them. Measured in one process on Today: a
    full collection took 50 ms before and 2.7 ms after, and the collector 0.17 ms per request
    instead of 0.35. (Whatever cyclic garbage the master made between two forks stays frozen
    with it: it makes next to none.)
    """
    gc.freeze()
