#!/usr/bin/env python3
"""A steady, bounded HTTP load that counts every response (deploy/test/swarm.sh runs it).

Sends RATE requests a second to URL from a fixed schedule (open loop: a slow or failing
server does not slow the schedule down), every SLOW_EVERY-th one to /slow, the others to /,
each on one of WORKERS keep-alive connections. It stops when standard input closes or after
MAX_SECONDS, whichever comes first; lines on standard input ("phase NAME") name the phase the
following requests count in. Every request ends as exactly one of: a 200, another status, or
an error (connection refused or reset, timeout, ...). At the end it waits for the requests in
flight and prints one JSON object: the counts per phase, per status, per error, per replica
and version (the X-Replica and X-Version headers), and the first failures with their times.

Loopback only: the URL must name 127.0.0.1, ::1 or localhost.
"""
import argparse
import http.client
import json
import queue
import sys
import threading
import time
import urllib.parse

MAX_FAILURES_KEPT = 200
# check.py finds this load's lines in the app's access log by it
USER_AGENT = "ub-deploy-load"


class Counts:
    """The tally, shared by the workers under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.phases = {}        # phase -> {"sent", "ok", "failed", "statuses", "errors", "versions", "latency_ms"}
        self.replicas = {}      # replica -> {"version", "ok"}
        self.failures = []      # the first failures: {"t", "phase", "path", "what"}
        self.late = 0           # requests that left more than 1 s after their scheduled time

    def phase(self, name):
        return self.phases.setdefault(name, {
            "sent": 0, "ok": 0, "failed": 0, "statuses": {}, "errors": {}, "versions": {}, "latency_ms": []})

    def record(self, phase, t, path, latency, status=None, replica=None, version=None, error=None):
        with self.lock:
            p = self.phase(phase)
            p["sent"] += 1
            p["latency_ms"].append(round(latency * 1000, 2))
            if status is not None:
                key = str(status)
                p["statuses"][key] = p["statuses"].get(key, 0) + 1
            if error is not None:
                p["errors"][error] = p["errors"].get(error, 0) + 1
            if status == 200:
                p["ok"] += 1
                p["versions"][version or "?"] = p["versions"].get(version or "?", 0) + 1
                r = self.replicas.setdefault(replica or "?", {"version": version or "?", "ok": 0})
                r["ok"] += 1
            else:
                p["failed"] += 1
                if len(self.failures) < MAX_FAILURES_KEPT:
                    what = error if error is not None else "HTTP %d from %s" % (status, replica or "the edge")
                    self.failures.append({"t": round(t, 3), "phase": phase, "path": path, "what": what})


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def worker(host, port, timeout, tickets, counts, t0, phase_now):
    conn = None
    while True:
        ticket = tickets.get()
        if ticket is None:
            break
        path, scheduled = ticket
        # counted in the phase it is sent in (not the one it was scheduled in, if late)
        phase = phase_now[0]
        start = time.monotonic()
        if start - scheduled > 1.0:
            with counts.lock:
                counts.late += 1
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=timeout)
            conn.request("GET", path, headers={"User-Agent": USER_AGENT})
            response = conn.getresponse()
            response.read()
            counts.record(phase, start - t0, path, time.monotonic() - start, status=response.status,
                          replica=response.getheader("X-Replica"), version=response.getheader("X-Version"))
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            counts.record(phase, start - t0, path, time.monotonic() - start, error=type(e).__name__)
            if conn is not None:
                conn.close()
            conn = None
    if conn is not None:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=64)
    parser.add_argument("--slow-every", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "::1", "localhost"):
        print("error: URL: %s is not a loopback address" % args.url, file=sys.stderr)
        sys.exit(2)
    host, port = url.hostname, url.port or 80

    counts = Counts()
    phase = ["start"]
    stop = threading.Event()

    def read_phases():
        for line in sys.stdin:
            words = line.split()
            if len(words) == 2 and words[0] == "phase":
                phase[0] = words[1]
        stop.set()

    tickets = queue.Queue()
    t0 = time.monotonic()
    workers = [threading.Thread(target=worker, args=(host, port, args.timeout, tickets, counts, t0, phase), daemon=True)
               for _ in range(args.workers)]
    for w in workers:
        w.start()
    threading.Thread(target=read_phases, daemon=True).start()

    n = 0
    max_requests = int(args.rate * args.max_seconds)
    while not stop.is_set() and n < max_requests:
        scheduled = t0 + n / args.rate
        delay = scheduled - time.monotonic()
        if delay > 0:
            stop.wait(delay)
            if stop.is_set():
                break
        path = "/slow" if args.slow_every and n % args.slow_every == 0 else "/"
        tickets.put((path, scheduled))
        n += 1
    elapsed = time.monotonic() - t0
    for _ in workers:
        tickets.put(None)
    for w in workers:
        w.join(args.timeout + 5)

    phases = {}
    for name, p in counts.phases.items():
        latency = p.pop("latency_ms")
        p["p50_ms"] = percentile(latency, 0.50)
        p["p99_ms"] = percentile(latency, 0.99)
        p["max_ms"] = max(latency) if latency else None
        phases[name] = p
    total = {k: sum(p[k] for p in phases.values()) for k in ("sent", "ok", "failed")}
    versions = {}
    for r in counts.replicas.values():
        versions[r["version"]] = versions.get(r["version"], 0) + r["ok"]
    json.dump({
        "url": args.url, "rate": args.rate, "seconds": round(elapsed, 1), "scheduled": n,
        "unanswered": n - total["sent"], "late": counts.late, **total,
        "phases": phases, "versions": versions, "replicas": counts.replicas, "failures": counts.failures,
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
