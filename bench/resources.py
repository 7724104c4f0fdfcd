#!/usr/bin/env python3
"""The resource run of README, Blocking handlers: a million blocking requests, every other one
reading a 64 KiB body through getInputStream() and writing 64 KiB back through
getOutputStream(), the others waiting 50 ms in a BlockingHandler, against our defaults under
--cpus=1 --memory=256m. After each wrk run of BENCH_RESOURCE_PHASE seconds the app reports,
after a full GC, its open file descriptors, OS threads, heap and RSS; those must stay flat from
the first 100k requests to the last.

    python3 bench/resources.py [TAG ...]     (default: java25-slim java21-slim)

Needs the images bench/run.sh builds (ub-bench-blocking:TAG, ub-bench-tools; BENCH_PREFIX as
there); writes
results/resources-TAG.json, which bench/report.py turns into a table of RESULTS.md. The image
tests run the same check with 20k requests (tests/.../BlockingIT).
"""
import http.client
import json
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import measure as m  # noqa: E402  (the harness's docker, wrk and cgroup helpers)

REQUESTS = m.setting("BENCH_RESOURCE_REQUESTS", 1_000_000)
CONNECTIONS = m.setting("BENCH_RESOURCE_CONNECTIONS", 400)
PHASE = m.setting("BENCH_RESOURCE_PHASE", 20)
LIMITS = ["--cpus=1", "--memory=256m"]
FIRST = 100_000  # the sample every later one is compared with


def stats():
    conn = http.client.HTTPConnection("127.0.0.1", m.PORT, timeout=30)
    try:
        conn.request("GET", "/stats")
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()


def settled_stats(deadline_s=30):
    """The stats once the server has closed the run's connections: two readings in a row with the
    same open files (wrk's connections close as it exits, timed-out ones a little later)."""
    last = stats()
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        time.sleep(0.2)
        now = stats()
        if now["fds"] == last["fds"]:
            return now
        last = now
    return last


def peak_memory():
    """The container's peak memory use from its cgroup (v1 max_usage_in_bytes, v2 memory.peak)."""
    d = m.cgroup_dir(m.run("docker", "inspect", "-f", "{{.Id}}", m.CONTAINER).strip())
    for name in ("memory.max_usage_in_bytes", "memory.peak"):
        if (d / name).exists():
            return int((d / name).read_text())
    return None


def errors(r):
    return r["non2xx"] + sum(r["socket_errors"].values())


def resource_run(tag):
    image = f"{m.BLOCKING_IMAGE}:{tag}"
    srv = m.server(f"resources-{tag}", f"undertow-base:{tag}, defaults", image, m.QUIET, m.OURS)
    info = json.loads(m.run("docker", "image", "inspect", image))[0]
    versions = m.run("docker", "run", "--rm", "--entrypoint", "sh", image, "-c", m.OURS).strip().splitlines()
    m.remove()
    cmd = m.docker_run_cmd(srv, LIMITS)
    m.run(*cmd)
    try:
        m.wait_ready(path="/blocking")
        samples = [{"requests": 0, "errors": 0, **settled_stats()}]
        total = failed = 0
        started = time.perf_counter()
        while total < REQUESTS:
            # a request slower than 30 s counts as an error; latency is not what this run measures
            r = m.wrk("/", PHASE, CONNECTIONS, threads=2, script="/mixed.lua", timeout_s=30)
            total += r["requests"]
            failed += errors(r)
            sample = {"requests": total, "errors": failed, "rps": r["rps"], "p99_ms": r["p99_ms"], **settled_stats(),
                      "container_bytes": m.memory()["bytes"]}
            samples.append(sample)
            print(f"  {total:9,} requests  {r['rps']:7.0f} req/s  fds {sample['fds']}  threads "
                  f"{sample['threads']}  heap {sample['heap_after_gc_bytes'] / 1e6:.1f} MB  RSS "
                  f"{sample['rss_bytes'] / 1e6:.1f} MB  errors {failed}", flush=True)
        seconds = time.perf_counter() - started
        state = json.loads(m.run("docker", "inspect", "-f", "{{json .State}}", m.CONTAINER))
        return {
            "name": srv["name"], "kind": "resources", "label": srv["label"], "image": image,
            "image_id": info["Id"], "versions": versions,
            "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "load_average_at_start": os.getloadavg()[0],
            "settings": {"requests": REQUESTS, "connections": CONNECTIONS, "phase_s": PHASE,
                         "limits": LIMITS, "first": FIRST},
            "command": " ".join(cmd),
            "client": f"wrk -t2 -c{CONNECTIONS} -d{PHASE}s --timeout=30s -s /mixed.lua, repeated; every other request "
                      "GET /blocking (50 ms), the others POST /echo with 64 KiB",
            "requests": total, "seconds": round(seconds, 1), "errors": failed,
            "oom_killed": state["OOMKilled"], "running_after_load": state["Running"],
            "peak_container_bytes": peak_memory(), "samples": samples,
        }
    finally:
        m.remove()


def main():
    tags = sys.argv[1:] or ["java25-slim", "java21-slim"]
    for image in [f"{m.BLOCKING_IMAGE}:{t}" for t in tags] + [m.TOOLS]:
        if m.run("docker", "image", "inspect", image, check=False).startswith("[]"):
            sys.exit(f"error: image {image} is not built: run bench/run.sh (or make bench) first")
    m.RESULTS.mkdir(parents=True, exist_ok=True)
    for tag in tags:
        print(f"== resources-{tag}: {REQUESTS:,} requests, {CONNECTIONS} connections, "
              f"{' '.join(LIMITS)}", flush=True)
        result = resource_run(tag)
        (m.RESULTS / f"{result['name']}.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
