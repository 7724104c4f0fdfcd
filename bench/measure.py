#!/usr/bin/env python3
"""Measures each server, one at a time, and writes bench/results/<server>.json.

Called by bench/run.sh once every image exists. Re-measuring a subset (BENCH_ONLY) rewrites
only those servers' files, so a failed or noisy row can be redone without the whole run.
"""
import http.client
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import guard

OUT = Path(os.environ.get("BENCH_OUT") or Path(__file__).resolve().parent)
RESULTS = OUT / "results"
# The harness's images and container are named PREFIX-...; another prefix (bench/run.sh builds
# them under BENCH_PREFIX too) keeps a run on a shared Docker engine to its own names.
PREFIX = os.environ.get("BENCH_PREFIX", "ub-bench")
TOOLS = f"{PREFIX}-tools"
CONTAINER = f"{PREFIX}-server"
ROUTES = {"plaintext": "/", "json": "/json"}


def bad_input(message):
    """One error line and exit status 2, as the launcher and the start scripts answer bad input."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def setting(name, default):
    raw = os.environ.get(name, str(default))
    if not raw.isdigit() or int(raw) <= 0:
        bad_input(f'{name}: "{raw}" is not a positive whole number')
    return int(raw)


PORT = setting("BENCH_PORT", 18080)
# report.py acts on it; a bad value is refused here, before the run rather than after it.
guard.strict_setting(os.environ)
# Each route is measured ROUNDS times for DURATION seconds, alternating routes, and the median
# round is reported: single 10 s runs of the same image differed by up to 15% here.
DURATION = setting("BENCH_DURATION", 4)
ROUNDS = setting("BENCH_ROUNDS", 3)
# Per route, and every route is warmed before the first is measured: on one pinned core the
# JIT shares the CPU with the server, and a JVM reaches its steady rate after about 15-20 s.
WARMUP = setting("BENCH_WARMUP", 10)
CONNECTIONS = setting("BENCH_CONNECTIONS", 64)
RUNS = setting("BENCH_RUNS", 7)
# Idle memory is read this long after the first 200. Not 2 s, as until 2026-11-30: the JVM
# frees its compilers' start-up memory about 5 s after it starts (and our images hand it back to
# the OS within 2 s more), so a 2 s reading caught the start, not the idle server: 34 or 40 MB
# by chance in java25-slim, where every start held 32-33 MB 12 s after (bench/bounds.md).
SETTLE = setting("BENCH_SETTLE", 10)
SERVER_CPU = os.environ.get("BENCH_SERVER_CPU", "1")
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "0")
APP_IMAGE = os.environ.get("BENCH_APP_IMAGE", f"{PREFIX}-hello")
BLOCKING_IMAGE = f"{PREFIX}-blocking"
# The blocking rows: a handler that waits 50 ms (a stand-in for a database call) then answers,
# at Cloud Run's default concurrency and at five times it, the server under a one-CPU quota and
# 512 MB as a small Cloud Run instance; ideal = connections / 50 ms.
BLOCKING_WAIT_MS = 50
BLOCKING_CONNECTIONS = (80, 400)
BLOCKING_LIMITS = ["--cpus=1", "--memory=512m"]

# How the server container is confined during load; the client always runs on CLIENT_CPU.
MODES = {
    "pinned": [f"--cpuset-cpus={SERVER_CPU}"],
    "quota": ["--cpus=1"],
}

JAVA = "java -version 2>&1 | sed -n 2p"


def undertow_versions(lib_dir):
    """The Java version line and Undertow's version from the undertow-core jar in lib_dir."""
    return f"{JAVA}; ls {lib_dir} | sed -n 's/^undertow-core-\\(.*\\)\\.jar$/Undertow \\1/p'"


OURS = undertow_versions("/opt/launcher/lib")
# Our images and the seed read ACCESS_LOG the same way; both log each request to stdout by
# default, nginx is configured without and plain Undertow has none, so the load rows turn it
# off for both, and one extra row shows what the default costs.
QUIET = {"PORT": str(PORT), "ACCESS_LOG": ""}


def server(name, label, image, env, versions, modes=("pinned", "quota"), args=(),
           cold_start=True, blocking=None):
    """blocking: {route label: path} of the 50 ms routes; such a server gets the blocking rows only.
    Our images (versions OURS) print the launcher's Listening line, which cold start also reads."""
    return dict(name=name, label=label, image=image, env=env, versions=versions,
                modes=list(modes), args=list(args), cold_start=cold_start, blocking=blocking,
                listening_line=versions == OURS)


def blocking_server(name, label, image, env, versions, routes):
    return server(name, label, image, env, versions, modes=(), cold_start=False, blocking=routes)


SEED_VERSIONS = ("python3 -c 'import sys, gunicorn, uvicorn, starlette, uvloop, httptools; "
                 "print(\"Python\", sys.version.split()[0], \"gunicorn\", gunicorn.__version__, "
                 "\"uvicorn\", uvicorn.__version__, \"Starlette\", starlette.__version__, "
                 "\"uvloop\", uvloop.__version__, \"httptools\", httptools.__version__)'")
FLOOR_VERSIONS = undertow_versions("/floor/lib")
OUR_BLOCKING_ROUTES = {"BlockingHandler": "/blocking", "dispatch()": "/dispatch"}


SERVERS = [
    server("seed", "seed: gunicorn + uvicorn + Starlette", f"{PREFIX}-seed", QUIET, SEED_VERSIONS),
    server("nginx", "nginx", f"{PREFIX}-nginx", {}, "nginx -v 2>&1"),
    server("undertow", "plain Undertow", f"{PREFIX}-undertow", {"PORT": str(PORT)},
           undertow_versions("/app/lib")),
    # Cold start only: what Undertow itself, and the JVM itself, take to a first 200 on the very
    # runtime of java25-slim with a start-up cache of their own (bench/undertow/cached.dockerfile).
    server("undertow-cached", "plain Undertow on java25-slim's runtime, own start-up cache, no MBeans",
           f"{PREFIX}-undertow-cached", {"PORT": str(PORT)}, FLOOR_VERSIONS, modes=()),
    server("jvm-alone", "the JVM alone (a ServerSocket) on java25-slim's runtime, own start-up cache",
           f"{PREFIX}-jvm-alone", {"PORT": str(PORT)}, FLOOR_VERSIONS, modes=()),
    server("java25-slim", "undertow-base:java25-slim", f"{APP_IMAGE}:java25-slim", QUIET, OURS),
    server("java25", "undertow-base:java25", f"{APP_IMAGE}:java25", QUIET, OURS),
    server("java21-slim", "undertow-base:java21-slim", f"{APP_IMAGE}:java21-slim", QUIET, OURS),
    server("java25-slim-128m", "java25-slim --memory=128m", f"{APP_IMAGE}:java25-slim", QUIET,
           OURS, modes=("pinned",), args=("--memory=128m",), cold_start=False),
    server("java25-slim-256m", "java25-slim --memory=256m", f"{APP_IMAGE}:java25-slim", QUIET,
           OURS, modes=("pinned",), args=("--memory=256m",), cold_start=False),
    server("java25-slim-log", "java25-slim, access log on", f"{APP_IMAGE}:java25-slim",
           {"PORT": str(PORT)}, OURS, modes=("pinned",), cold_start=False),
    server("java25-slim-json", "java25-slim, access log on, LOG_FORMAT=json",
           f"{APP_IMAGE}:java25-slim", {"PORT": str(PORT), "LOG_FORMAT": "json"}, OURS,
           modes=("pinned",), cold_start=False),
    blocking_server("seed-blocking", "seed: gunicorn + uvicorn + Starlette", f"{PREFIX}-seed", QUIET,
                    SEED_VERSIONS, {"sync route (thread pool)": "/blocking", "async route": "/async"}),
    blocking_server("java25-slim-blocking", "undertow-base:java25-slim, defaults",
                    f"{BLOCKING_IMAGE}:java25-slim", QUIET, OURS, OUR_BLOCKING_ROUTES),
    blocking_server("java25-slim-blocking-platform", "java25-slim, WORKER_POOL=platform",
                    f"{BLOCKING_IMAGE}:java25-slim", {**QUIET, "WORKER_POOL": "platform"}, OURS,
                    OUR_BLOCKING_ROUTES),
    # No thread at all: the wait is a timer on the IO thread, which answers. What this row loses
    # against ideal is the harness's own (client, loopback, timers), not the server's hand-offs.
    blocking_server("java25-slim-floor", "java25-slim, IO-thread timer (the harness's floor)",
                    f"{BLOCKING_IMAGE}:java25-slim", QUIET, OURS, {"IO-thread timer": "/timer"}),
    blocking_server("java21-slim-blocking", "undertow-base:java21-slim, defaults",
                    f"{BLOCKING_IMAGE}:java21-slim", QUIET, OURS, OUR_BLOCKING_ROUTES),
    blocking_server("java21-slim-blocking-platform", "java21-slim, WORKER_POOL=platform",
                    f"{BLOCKING_IMAGE}:java21-slim", {**QUIET, "WORKER_POOL": "platform"}, OURS,
                    OUR_BLOCKING_ROUTES),
]


def run(*cmd, check=True):
    return subprocess.run(cmd, check=check, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).stdout


def remove():
    run("docker", "rm", "-f", CONTAINER, check=False)


def docker_run_cmd(srv, extra):
    env = [f"--env={k}={v}" for k, v in srv["env"].items()]
    return ["docker", "run", "-d", "--name", CONTAINER, "--network", "host",
            *extra, *srv["args"], *env, srv["image"]]


def get(path, timeout):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def wait_ready(deadline_s=60, path="/"):
    """Polls path until it answers 200; returns the time of that answer (perf_counter)."""
    end = time.perf_counter() + deadline_s
    while time.perf_counter() < end:
        try:
            if get(path, 5) == 200:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.005)
    logs = run("docker", "logs", "--tail", "20", CONTAINER, check=False)
    raise RuntimeError(f"no 200 on 127.0.0.1:{PORT}{path} within {deadline_s}s; logs:\n{logs}")


def first_existing(paths, missing):
    """The first of paths that exists (cgroup v1 and v2 lay a container's files out differently)."""
    for path in paths:
        if os.path.exists(path):
            return Path(path)
    raise RuntimeError(missing)


def cgroup_dir(cid):
    return first_existing((f"/sys/fs/cgroup/memory/docker/{cid}",
                           f"/sys/fs/cgroup/memory/system.slice/docker-{cid}.scope",
                           f"/sys/fs/cgroup/system.slice/docker-{cid}.scope",
                           f"/sys/fs/cgroup/docker/{cid}"),
                          f"no memory cgroup found for container {cid}")


def cpu_file(cid):
    """The file of a container's cgroup that counts its CPU time (cgroup v1 or v2)."""
    return first_existing((f"/sys/fs/cgroup/cpuacct/docker/{cid}/cpuacct.usage",
                           f"/sys/fs/cgroup/cpu,cpuacct/docker/{cid}/cpuacct.usage",
                           f"/sys/fs/cgroup/cpuacct/system.slice/docker-{cid}.scope/cpuacct.usage",
                           f"/sys/fs/cgroup/system.slice/docker-{cid}.scope/cpu.stat",
                           f"/sys/fs/cgroup/docker/{cid}/cpu.stat"),
                          f"no CPU accounting found for container {cid}")


def cpu_ns(path):
    """CPU time in ns from cpu_file's file: v1 counts ns, v2's cpu.stat has usage_usec."""
    text = path.read_text()
    if path.name == "cpu.stat":
        return 1000 * int(re.search(r"^usage_usec (\d+)$", text, re.M).group(1))
    return int(text)


def memory():
    """Container memory from its cgroup: usage minus page cache (the figure reported), plus
    what `docker stats` shows (usage minus inactive file pages) and anonymous memory."""
    cid = run("docker", "inspect", "-f", "{{.Id}}", CONTAINER).strip()
    d = cgroup_dir(cid)
    stat = dict(line.split() for line in (d / "memory.stat").read_text().splitlines())
    stat = {k: int(v) for k, v in stat.items()}
    if (d / "memory.usage_in_bytes").exists():  # cgroup v1
        usage = int((d / "memory.usage_in_bytes").read_text())
        cache, inactive, anon = stat["total_cache"], stat["total_inactive_file"], stat["total_rss"]
    else:  # cgroup v2
        usage = int((d / "memory.current").read_text())
        cache, inactive, anon = stat["file"], stat["inactive_file"], stat["anon"]
    return {"bytes": usage - cache, "docker_stats_bytes": usage - inactive,
            "anon_bytes": anon, "usage_bytes": usage}


def wrk(path, seconds, connections=CONNECTIONS, threads=1, script="/report.lua", args=(), timeout_s=2):
    cmd = ["docker", "run", "--rm", "--network", "host", f"--cpuset-cpus={CLIENT_CPU}", TOOLS,
           "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s",
           "--latency", "-s", script,
           f"http://127.0.0.1:{PORT}{path}", *(["--", *args] if args else [])]
    out = run(*cmd)
    found = re.search(r"^JSON (\{.*\})$", out, re.M)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    s = json.loads(found.group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": s["rps"], "requests": s["requests"], "duration_s": s["duration_us"] / 1e6,
        "p50_ms": s["p50_us"] / 1000, "p90_ms": s["p90_us"] / 1000,
        "p99_ms": s["p99_us"] / 1000, "max_ms": s["max_us"] / 1000,
        "mean_ms": s["mean_us"] / 1000,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": {k[4:]: s[k] for k in ("err_connect", "err_read", "err_write",
                                                  "err_timeout")},
        "raw": out[:found.start()].rstrip(),
    }


def median_round(rounds):
    """Each figure is the median over the rounds; errors are summed; the rounds are kept, and
    how far they stray from the median req/s, which report.py flags beyond ±15%."""
    figures = ("rps", "p50_ms", "p90_ms", "p99_ms", "mean_ms")
    result = {k: statistics.median(r[k] for r in rounds) for k in figures}
    result["rps_spread"] = guard.spread(r["rps"] for r in rounds)
    result["max_ms"] = max(r["max_ms"] for r in rounds)
    result["requests"] = sum(r["requests"] for r in rounds)
    result["duration_s"] = sum(r["duration_s"] for r in rounds)
    result["non2xx"] = sum(r["non2xx"] for r in rounds)
    result["socket_errors"] = {k: sum(r["socket_errors"][k] for r in rounds)
                               for k in rounds[0]["socket_errors"]}
    result["rounds"] = rounds
    return result


def load(srv, mode):
    remove()
    run(*docker_run_cmd(srv, MODES[mode]))
    try:
        wait_ready()
        time.sleep(SETTLE)  # let startup work finish before calling memory "idle"
        result = {"command": " ".join(docker_run_cmd(srv, MODES[mode])), "idle": memory(),
                  "routes": {}}
        for path in ROUTES.values():
            wrk(path, WARMUP)
        rounds = {route: [] for route in ROUTES}
        for _ in range(ROUNDS):
            for route, path in ROUTES.items():
                rounds[route].append(wrk(path, DURATION))
        for route in ROUTES:
            result["routes"][route] = median_round(rounds[route])
            print(f"  {mode:6} {route:9} {result['routes'][route]['rps']:10.0f} req/s  "
                  f"p99 {result['routes'][route]['p99_ms']:7.2f} ms  (rounds: "
                  + ", ".join(f"{r['rps']:.0f}" for r in rounds[route])
                  + f"; spread {guard.percent(result['routes'][route]['rps_spread'])})", flush=True)
        result["after_load"] = memory()
        state = json.loads(run("docker", "inspect", "-f", "{{json .State}}", CONTAINER))
        result["oom_killed"] = state["OOMKilled"]
        result["running_after_load"] = state["Running"]
        print(f"  {mode:6} memory idle {result['idle']['bytes'] / 1e6:.1f} MB, after load "
              f"{result['after_load']['bytes'] / 1e6:.1f} MB, OOM-killed {state['OOMKilled']}",
              flush=True)
        return result
    finally:
        remove()


def blocking(srv):
    """Each 50 ms route at each connection count: a warm-up at the most connections, then rounds
    alternating routes and counts, the median round of each reported."""
    remove()
    cmd = docker_run_cmd(srv, BLOCKING_LIMITS)
    run(*cmd)
    try:
        paths = list(srv["blocking"].values())
        wait_ready(path=paths[0])
        for path in paths:
            wrk(path, WARMUP, max(BLOCKING_CONNECTIONS), threads=2)
        rounds = {(route, c): [] for route in srv["blocking"] for c in BLOCKING_CONNECTIONS}
        for _ in range(ROUNDS):
            for route, c in rounds:
                rounds[(route, c)].append(wrk(srv["blocking"][route], DURATION, c, threads=2))
        result = {"command": " ".join(cmd), "limits": BLOCKING_LIMITS, "wait_ms": BLOCKING_WAIT_MS,
                  "routes": {}}
        for (route, c), measured in rounds.items():
            r = median_round(measured)
            result["routes"].setdefault(route, {"path": srv["blocking"][route]})[str(c)] = r
            ideal = c * 1000 / BLOCKING_WAIT_MS
            print(f"  {route:26} c={c:<4} {r['rps']:8.0f} req/s ({r['rps'] / ideal:.2f} × ideal)  "
                  f"p99 {r['p99_ms']:7.1f} ms  (rounds: " + ", ".join(f"{x['rps']:.0f}" for x in measured)
                  + f"; spread {guard.percent(r['rps_spread'])})", flush=True)
        state = json.loads(run("docker", "inspect", "-f", "{{json .State}}", CONTAINER))
        result["oom_killed"] = state["OOMKilled"]
        result["running_after_load"] = state["Running"]
        return result
    finally:
        remove()


# Our launcher's "Listening on ... (...), 0.154 s after the JVM started": the JVM's own uptime.
JVM_LISTENING = re.compile(r"Listening on .*, (\d+\.\d+) s after the JVM started")


def jvm_listening_ms(logs):
    """The uptime the launcher's Listening line reports, in ms; None for a server without one."""
    found = JVM_LISTENING.search(logs)
    return None if found is None else round(float(found.group(1)) * 1000, 1)


def listening_line(deadline_s=5):
    """The JVM's uptime at Listening from the container's log (the line may follow the first 200
    by a moment); None when no such line comes, as from a server other than ours."""
    end = time.perf_counter() + deadline_s
    while True:
        found = jvm_listening_ms(run("docker", "logs", CONTAINER, check=False))
        if found is not None or time.perf_counter() > end:
            return found
        time.sleep(0.05)


def cold_start(srv):
    """Milliseconds from just before `docker run -d` to the first 200 on /, unconfined, and for
    our images the JVM's own time from its start to Listening in each of those runs.
    One unmeasured run first, so every server starts from a warm page cache."""
    times, listening = [], []
    for i in range(RUNS + 1):
        remove()
        t0 = time.perf_counter()
        run(*docker_run_cmd(srv, []))
        t1 = wait_ready()
        jvm = listening_line() if srv["listening_line"] else None
        remove()
        if i:
            times.append(round((t1 - t0) * 1000, 1))
            if jvm is not None:
                listening.append(jvm)
    print(f"  cold start median {statistics.median(times):.0f} ms {times}"
          + (f"; JVM to Listening median {statistics.median(listening):.0f} ms {listening}" if listening else ""),
          flush=True)
    return times, listening


_compressed = {}


def compressed_bytes(image_id):
    """`docker save IMAGE | gzip -c | wc -c`: about what a registry stores and a pull downloads
    (README, Tags). Once per image: the extra rows share the images of the main ones."""
    if image_id not in _compressed:
        save = subprocess.Popen(["docker", "save", image_id], stdout=subprocess.PIPE)
        gzip = subprocess.Popen(["gzip", "-c"], stdin=save.stdout, stdout=subprocess.PIPE)
        save.stdout.close()
        size = sum(len(chunk) for chunk in iter(lambda: gzip.stdout.read(1 << 20), b""))
        if gzip.wait() != 0 or save.wait() != 0:
            raise RuntimeError(f"docker save {image_id} | gzip -c failed")
        _compressed[image_id] = size
    return _compressed[image_id]


def measure(srv):
    image = json.loads(run("docker", "image", "inspect", srv["image"]))[0]
    versions = run("docker", "run", "--rm", "--entrypoint", "sh", srv["image"], "-c",
                   srv["versions"]).strip().splitlines()
    result = {
        "name": srv["name"], "label": srv["label"], "image": srv["image"],
        "image_id": image["Id"], "image_bytes": image["Size"], "image_gzip_bytes": compressed_bytes(image["Id"]),
        "versions": versions,
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_average_at_start": os.getloadavg()[0],
        "settings": {"duration_s": DURATION, "rounds": ROUNDS, "warmup_s": WARMUP,
                     "connections": CONNECTIONS, "cold_start_runs": RUNS, "settle_s": SETTLE, "port": PORT},
        "load": {},
    }
    if srv["cold_start"]:
        result["cold_start_ms"], listening = cold_start(srv)
        result["cold_start_spread"] = guard.spread(result["cold_start_ms"])
        if listening:
            result["jvm_listening_ms"] = listening
    for mode in srv["modes"]:
        result["load"][mode] = load(srv, mode)
    if srv["blocking"]:
        result["blocking"] = blocking(srv)
    return result


def machine():
    cpu = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.M)
    wrk_version = run("docker", "run", "--rm", TOOLS, "wrk", "-v", check=False).splitlines()[0]
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "kernel": platform.release(), "cpu": cpu.group(1) if cpu else platform.machine(),
        "cpus": os.cpu_count(),
        "docker": run("docker", "version", "-f", "{{.Server.Version}}").strip(),
        "wrk": wrk_version.split()[1],
        "load_average_at_start": os.getloadavg()[0],
        # unix seconds: when bench/run.sh began (builds included) and when measuring began
        "bench_started": int(os.environ["BENCH_STARTED"]) if os.environ.get("BENCH_STARTED") else None,
        "measure_started": int(time.time()),
        "client": f"docker run --rm --network host --cpuset-cpus={CLIENT_CPU} {TOOLS} "
                  f"wrk -t1 -c{CONNECTIONS} -d{DURATION}s --latency -s /report.lua URL "
                  f"(after a {WARMUP}s warm-up run on each URL; then {ROUNDS} rounds over the URLs, "
                  f"median round reported); the blocking rows: wrk -t2 -c80 and -c400, the server "
                  f"{' '.join(BLOCKING_LIMITS)}",
    }


def main():
    only = [s for s in os.environ.get("BENCH_ONLY", "").replace(",", " ").split() if s]
    unknown = set(only) - {s["name"] for s in SERVERS}
    if unknown:
        bad_input(f"BENCH_ONLY: unknown server {', '.join(sorted(unknown))} "
                  f"(known: {' '.join(s['name'] for s in SERVERS)})")
    try:
        get("/", 1)
        sys.exit(f"error: BENCH_PORT: something already answers on 127.0.0.1:{PORT}")
    except OSError:
        pass
    RESULTS.mkdir(parents=True, exist_ok=True)
    this_run = machine()
    if not only:  # machine.json describes the whole run; a partial re-run keeps it
        (RESULTS / "machine.json").write_text(json.dumps(this_run, indent=2) + "\n")
    failed = []
    for srv in SERVERS:
        if only and srv["name"] not in only:
            continue
        print(f"== {srv['name']} ({srv['image']})", flush=True)
        try:
            result = measure(srv)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            detail = e.output if isinstance(e, subprocess.CalledProcessError) else e
            print(f"error: {srv['name']}: {detail}", file=sys.stderr)
            failed.append(srv["name"])
            continue
        (RESULTS / f"{srv['name']}.json").write_text(json.dumps(result, indent=2) + "\n")
    if not only:
        this_run["measure_finished"] = int(time.time())
        (RESULTS / "machine.json").write_text(json.dumps(this_run, indent=2) + "\n")
    if failed:
        sys.exit(f"error: not measured: {' '.join(failed)}")


if __name__ == "__main__":
    main()
