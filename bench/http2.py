#!/usr/bin/env python3
"""HTTP/2 rows: the example app on java25-slim, pinned to one core, with the access log off,
measured over HTTP/1.1 (wrk, as in `make bench`) and over h2c by prior knowledge (h2load), one
request in flight per connection (-m1, wrk's pattern) and ten (-m10, multiplexed). Besides the
rate, each run reports the server's CPU time per request (its cgroup's CPU usage over the run
divided by the requests): on a busy machine the rate follows whoever else runs, the CPU a
request costs much less.

    python3 bench/http2.py                    # images undertow-base:java25-slim
    BENCH_BASE=ub-foo python3 bench/http2.py  # images ub-foo:java25-slim
    BENCH_COMPARE=undertow-base BENCH_BASE=ub-foo python3 bench/http2.py
    BENCH_PREFIX=ub-foo-bench ...             # the harness's own image and container names

With BENCH_COMPARE, a second image is measured over HTTP/1.1 in the same run, round for round
alternating with the first, so that the two can be compared on a machine whose speed drifts.
Builds the load-client image (wrk, h2load) and the app images it needs (the app: BENCH_APP_SRC,
default examples/hello); `make bench` (bench/run.sh) runs it with BENCH_BUILT=1, and then the
images it has just built (PREFIX-tools, PREFIX-hello:java25-slim on BENCH_BASE) are used as they
are. Writes results/http2.json (BENCH_OUT as in measure.py; bench/report.py renders it) and
prints one row per image and client.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import measure as m

# BENCH_PREFIX names the harness's own images and containers (the load client, the app images).
PREFIX = os.environ.get("BENCH_PREFIX", "ub-bench")
m.TOOLS, m.CONTAINER, m.APP_IMAGE = f"{PREFIX}-tools", f"{PREFIX}-server", f"{PREFIX}-hello"
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TAG = "java25-slim"
BASE = os.environ.get("BENCH_BASE", "undertow-base")
COMPARE = os.environ.get("BENCH_COMPARE", "")
APP_SRC = ROOT / os.environ.get("BENCH_APP_SRC", "examples/hello")
# Set by bench/run.sh once it has built the app's jar, the load client and PREFIX-hello:TAG on BASE.
BUILT = os.environ.get("BENCH_BUILT", "")
if BUILT not in ("", "0", "1"):
    print(f'error: BENCH_BUILT: "{BUILT}" is not 0 or 1', file=sys.stderr)
    sys.exit(2)
BUILT = BUILT == "1"
# (label, client, argument): the clients measured on each image, in this order every round
CLIENTS = [("HTTP/1.1 wrk", "wrk", None), ("h2c h2load -m1", "h2load", 1), ("h2c h2load -m10", "h2load", 10)]


def cpu_ns():
    """CPU time the server container has used so far, from its cgroup (v1 or v2)."""
    cid = m.run("docker", "inspect", "-f", "{{.Id}}", m.CONTAINER).strip()
    return m.cpu_ns(m.cpu_file(cid))


def h2load(streams, seconds):
    """h2load over h2c by prior knowledge (its default for an http:// URL)."""
    cmd = ["docker", "run", "--rm", "--network", "host", f"--cpuset-cpus={m.CLIENT_CPU}", m.TOOLS,
           "h2load", "-t1", f"-c{m.CONNECTIONS}", f"-m{streams}", f"-D{seconds}", f"http://127.0.0.1:{m.PORT}/"]
    out = m.run(*cmd)
    finished = re.search(r"finished in [\d.]+\w+, ([\d.]+) req/s", out)
    counts = re.search(r"requests: (\d+) total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored", out)
    protocol = re.search(r"Application protocol: (\S+)", out)
    mean = re.search(r"time for request:\s+\S+\s+\S+\s+(\S+)", out)
    if not (finished and counts and protocol) or protocol.group(1) != "h2c" or int(counts.group(2)) == 0:
        raise RuntimeError(f"h2load did not get h2c answers:\n{out}")
    return {"rps": float(finished.group(1)), "requests": int(counts.group(2)),
            "failed": int(counts.group(3)) + int(counts.group(4)),
            "mean": mean.group(1) if mean else None, "raw": out.strip()}


def measure_client(client, argument, seconds):
    before = cpu_ns()
    if client == "wrk":
        result = m.wrk("/", seconds)
        result = {"rps": result["rps"], "requests": result["requests"], "p99_ms": result["p99_ms"],
                  "failed": result["non2xx"] + sum(result["socket_errors"].values())}
    else:
        result = h2load(argument, seconds)
    result["cpu_us_per_request"] = (cpu_ns() - before) / 1000 / max(1, result["requests"])
    return result


def pause(name):
    """docker pause, which a loaded machine sometimes fails (freezing the cgroup times out): retried."""
    for _ in range(5):
        done = subprocess.run(["docker", "pause", name], text=True, capture_output=True)
        if done.returncode == 0:
            return True
        time.sleep(1)
    print(f"warning: cannot pause {name} ({done.stderr.strip()}); it stays running", file=sys.stderr)
    return False


def build(image, *args):
    log = subprocess.run(["docker", "build", "-t", image, *args], text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    if log.returncode:
        sys.exit(f"error: docker build -t {image} failed:\n{log.stdout[-3000:]}")


def app_image(base):
    """The app on BASE:java25-slim, as `make bench` builds it; under bench/run.sh the image under
    test is the one it built."""
    if BUILT and base == BASE:
        return f"{m.APP_IMAGE}:{TAG}"
    if subprocess.run(["docker", "image", "inspect", f"{base}:{TAG}"], capture_output=True).returncode:
        sys.exit(f"error: BENCH_BASE: image {base}:{TAG} is not built (make images IMAGE={base} TAG={TAG})")
    image = f"{m.APP_IMAGE}-{base.replace('/', '-')}:{TAG}"
    build(image, "--build-arg", f"BASE={base}", "--build-arg", f"TAG={TAG}", "-f", str(BENCH / "app.dockerfile"),
          str(APP_SRC))
    return image


def main():
    bases = [BASE] + ([COMPARE] if COMPARE else [])
    if not BUILT:
        subprocess.run(["mvn", "-q", "-B", "-f", str(APP_SRC / "pom.xml"), "-DskipTests", "package"], check=True)
        build(m.TOOLS, str(BENCH / "tools"))
    images = {base: app_image(base) for base in bases}
    load = os.getloadavg()[0]
    if load >= 0.5:
        print(f"warning: the machine is busy (load average {load:.1f}): the figures will be noisy", file=sys.stderr)
    # HTTP/2 only on the image under test: the one compared with may not speak it
    clients = {base: CLIENTS if base == BASE else CLIENTS[:1] for base in bases}
    rounds = {(base, label): [] for base in bases for label, _, _ in clients[base]}
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    # One container per image (each on its own port) for the whole run: the JIT warms up once,
    # then the rounds alternate while the other image's container waits paused.
    first_port = m.PORT
    containers = {base: (f"{m.CONTAINER}-http2-{i}", first_port + i) for i, base in enumerate(bases)}
    paused = set()
    try:
        for name, _ in containers.values():
            m.run("docker", "rm", "-f", name, check=False)
        for round_number in range(m.ROUNDS + 1):
            for base in bases:
                m.CONTAINER, m.PORT = containers[base]
                srv = m.server(base, base, images[base], {"PORT": str(m.PORT), "ACCESS_LOG": ""}, m.OURS)
                if round_number == 0:
                    m.run(*m.docker_run_cmd(srv, m.MODES["pinned"]))
                elif m.CONTAINER in paused:
                    m.run("docker", "unpause", m.CONTAINER)
                    paused.discard(m.CONTAINER)
                m.wait_ready()
                for label, client, argument in clients[base]:
                    seconds = m.WARMUP if round_number == 0 else m.DURATION
                    result = measure_client(client, argument, seconds)
                    if round_number:
                        rounds[(base, label)].append(result)
                        print(f"  round {round_number} {base:20} {label:16} {result['rps']:10.0f} req/s "
                              f"{result['cpu_us_per_request']:7.1f} us CPU/request", flush=True)
                if pause(m.CONTAINER):
                    paused.add(m.CONTAINER)
    finally:
        for name, _ in containers.values():
            m.run("docker", "rm", "-f", name, check=False)
    rows = []
    for (base, label), results in rounds.items():
        row = {"image": f"{base}:{TAG}", "client": label,
               "rps_median": statistics.median(r["rps"] for r in results),
               "rps_rounds": [round(r["rps"]) for r in results],
               "cpu_us_per_request_median": statistics.median(r["cpu_us_per_request"] for r in results),
               "cpu_us_per_request_rounds": [round(r["cpu_us_per_request"], 1) for r in results],
               "failed": sum(r["failed"] for r in results)}
        if all("p99_ms" in r for r in results):  # wrk's; h2load reports no percentiles
            row["p99_ms_median"] = statistics.median(r["p99_ms"] for r in results)
        rows.append(row)
        print(f"{row['image']:28} {label:16} {row['rps_median']:8.0f} req/s {row['cpu_us_per_request_median']:6.1f} us CPU/req"
              f"  rounds {row['rps_rounds']} {row['cpu_us_per_request_rounds']}  failed {row['failed']}")
    result = {"measured_at": started, "load_average_at_start": load,
              "settings": {"connections": m.CONNECTIONS, "duration_s": m.DURATION, "rounds": m.ROUNDS,
                           "warmup_s": m.WARMUP, "server_cpu": m.SERVER_CPU, "client_cpu": m.CLIENT_CPU},
              "commands": {"wrk": f"wrk -t1 -c{m.CONNECTIONS} -d{m.DURATION}s --latency http://127.0.0.1:PORT/",
                           "h2load": f"h2load -t1 -c{m.CONNECTIONS} -mN -D{m.DURATION} http://127.0.0.1:PORT/"},
              "rows": rows}
    m.RESULTS.mkdir(parents=True, exist_ok=True)
    (m.RESULTS / "http2.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
