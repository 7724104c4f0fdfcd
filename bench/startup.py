#!/usr/bin/env python3
"""Start-up of images side by side: each round starts every variant once, in a new random order.

    bench/startup.py [--runs 10] [--cold] [--docker-arg=--cpus=1] NAME=IMAGE[;VAR=VALUE...] ...

Per start it reports
  listen_ms  from just before /start.sh runs (bash's $EPOCHREALTIME, printed by the container's
             first command) to the timestamp of the launcher's "Listening on" log line: the time
             inside the container, start script and JVM, to a bound listener;
  cpu_ms     the container's CPU time (cgroup cpuacct.usage, user + sys of every process in it)
             read as soon as that line is in the container's log (polled every millisecond);
  cold_ms    with --cold: from just before `docker run -d` to the first 200 on /, polled every
             5 ms as bench/measure.py measures cold start (docker run itself included);
  first_ms   with --cold: that first answered request alone, from its connection being accepted
             to its 200: what the server's first request costs, without the wait for the bind.
Medians per variant are printed and every start is written to --out (JSON). Runs as root on the
Docker host (it reads the container's log file and cgroup directly); cgroup v1 or v2.
"""
import argparse
import collections
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import measure as m  # the harness's cgroup helpers

CONTAINER = "ub-startup-probe"
LISTENING = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z .*Listening on')
T0 = re.compile(r'^t0 (\d+\.\d+)$')
# A profiling build of the launcher may print "PHASES main_epoch_us=N name=micros ..." (micros
# since the launcher's first class was initialised); kept per start when present.
PHASES = re.compile(r'^PHASES (.*)$')


def run(*cmd, check=True):
    return subprocess.run(cmd, check=check, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).stdout


def variant(spec):
    name, _, rest = spec.partition("=")
    image, *env = rest.split(";")
    if not name or not image:
        raise argparse.ArgumentTypeError(f'"{spec}" is not NAME=IMAGE[;VAR=VALUE...]')
    return {"name": name, "image": image, "env": [e for e in env if e]}


def threads(pid):
    """CPU ms per thread name (from /proc/PID/task/*/stat, clock-tick resolution)."""
    tick = os.sysconf("SC_CLK_TCK")
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ms = (int(fields[11]) + int(fields[12])) * 1000 / tick
        out[name] = out.get(name, 0) + ms
    return out


def start(v, args, cold):
    run("docker", "rm", "-f", CONTAINER, check=False)
    env = [f"--env={e}" for e in [f"PORT={args.port}", "ACCESS_LOG=", *v["env"]]]
    cmd = ["docker", "run", "-d", "--name", CONTAINER, "--network", "host", *args.docker_arg, *env,
           "--entrypoint", "bash", v["image"], "-c", 'echo "t0 $EPOCHREALTIME"; exec /start.sh']
    t_run = time.perf_counter()
    cid = run(*cmd).strip()
    result = {}
    try:
        log = Path(run("docker", "inspect", "-f", "{{.LogPath}}", cid).strip())
        if cold:
            connected, answered = wait_200(args.port)
            result["cold_ms"] = round((answered - t_run) * 1000, 1)
            result["first_ms"] = round((answered - connected) * 1000, 1)
        cpu = m.cpu_file(cid)
        pid = int(run("docker", "inspect", "-f", "{{.State.Pid}}", cid).strip())
        end = time.monotonic() + 60
        t0 = listening = None
        seen = 0
        while listening is None:
            if time.monotonic() > end:
                raise RuntimeError("no Listening line within 60 s:\n" + run("docker", "logs", cid, check=False))
            text = log.read_text() if log.exists() else ""
            if len(text) != seen:
                seen = len(text)
                for line in text.splitlines():
                    entry = json.loads(line)["log"].rstrip("\n")
                    if (found := T0.match(entry)):
                        t0 = float(found.group(1))
                    elif (found := LISTENING.match(entry)):
                        listening = datetime.fromisoformat(found.group(1) + "+00:00").timestamp()
                        # the launcher's own figure in that line, when it prints one
                        if (reported := m.jvm_listening_ms(entry)) is not None:
                            result["reported_ms"] = reported
                if listening is not None:
                    result["cpu_ms"] = round(m.cpu_ns(cpu) / 1e6, 1)
                    result["threads"] = threads(pid)
                    break
            time.sleep(0.001)
        result["listen_ms"] = round((listening - t0) * 1000, 1)
        for _ in range(200):  # the phase line follows the Listening line
            found = [PHASES.match(json.loads(l)["log"]) for l in log.read_text().splitlines()]
            found = [m for m in found if m]
            if found or not args.phases:
                break
            time.sleep(0.005)
        if found:
            marks = dict(kv.split("=") for kv in found[0].group(1).split())
            result["phases"] = {k: int(v) for k, v in marks.items()}
            result["phases"]["t0_to_main_us"] = int(marks["main_epoch_us"]) - int(t0 * 1e6)
        if args.keep_logs:
            result["logs"] = run("docker", "logs", cid, check=False)
        return result
    finally:
        run("docker", "rm", "-f", CONTAINER, check=False)


def wait_200(port):
    """When the connection of the first request answered 200 was accepted, and when the 200 came."""
    end = time.perf_counter() + 60
    while time.perf_counter() < end:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.connect()
            connected = time.perf_counter()
            conn.request("GET", "/")
            resp = conn.getresponse()
            resp.read()
            if resp.status == 200:
                return connected, time.perf_counter()
        except OSError:
            pass
        finally:
            conn.close()
        time.sleep(0.005)
    raise RuntimeError(f"no 200 on 127.0.0.1:{port}/ within 60 s")


def phase_table(args, results):
    """Median wall and thread-CPU time of each phase (from the previous mark) when the starts
    printed PHASES: main thread, then the platform-mbean-server thread."""
    med = statistics.median
    for v in args.variants:
        rs = [r["phases"] for r in results[v["name"]] if "phases" in r]
        if not rs:
            continue
        print(f"phases of {v['name']} (median ms: wall, thread CPU):")
        print(f"  {'t0 -> main (script + JVM boot)':36} {med(r['t0_to_main_us'] for r in rs) / 1000:7.1f} "
              f"{med(r['main_cpu'] for r in rs) / 1000:7.1f}")
        names = [k for k in rs[0] if k not in ("main_epoch_us", "t0_to_main_us") and not k.endswith("_cpu")]
        names.sort(key=lambda k: rs[0][k])
        main = [k for k in names if not k.startswith("mbean_")]
        for a, b in zip(main, main[1:]):
            print(f"  {a + ' -> ' + b:36} {med(r[b] - r[a] for r in rs) / 1000:7.1f} "
                  f"{med(r[b + '_cpu'] - r[a + '_cpu'] for r in rs) / 1000:7.1f}")
        print(f"  {'main -> ' + main[-1]:36} {med(r[main[-1]] - r['main'] for r in rs) / 1000:7.1f} "
              f"{med(r[main[-1] + '_cpu'] - r['main_cpu'] for r in rs) / 1000:7.1f}")
        if all("mbean_end" in r for r in rs):
            print(f"  {'[mbean thread] begin -> end':36} {med(r['mbean_end'] - r['mbean_begin'] for r in rs) / 1000:7.1f} "
                  f"{med(r['mbean_end_cpu'] - r['mbean_begin_cpu'] for r in rs) / 1000:7.1f}")
        thr = collections.defaultdict(list)
        for r in results[v["name"]]:
            for t, ms in group_threads(r["threads"]).items():
                thr[t].append(ms)
        print("  CPU by thread at Listening (median ms, clock ticks): " + ", ".join(
            f"{t} {med(ms + [0] * (len(rs) - len(ms))):.0f}" for t, ms in sorted(thr.items(), key=lambda x: -med(x[1]))))


def group_threads(threads):
    out = collections.Counter()
    for name, ms in threads.items():
        key = re.sub(r"[ #]?\d+$", "", name).replace("C2 CompilerThre", "C2").replace("C1 CompilerThre", "C1")
        out[key] += ms
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("variants", nargs="+", type=variant)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--port", type=int, default=18090)
    p.add_argument("--cold", action="store_true", help="also time docker run -> first 200")
    p.add_argument("--docker-arg", action="append", default=[], help="e.g. --docker-arg=--cpus=1")
    p.add_argument("--pause", type=float, default=1.0, help="seconds between starts")
    p.add_argument("--keep-logs", action="store_true")
    p.add_argument("--phases", action="store_true", help="wait for a PHASES line (profiling builds)")
    p.add_argument("--out", type=Path)
    args = p.parse_args()

    results = {v["name"]: [] for v in args.variants}
    load = [os.getloadavg()[0]]
    for i in range(args.runs + 1):  # the first round warms the page cache and is not counted
        order = random.sample(args.variants, len(args.variants))
        for v in order:
            time.sleep(args.pause)
            r = start(v, args, args.cold)
            if i:
                results[v["name"]].append(r)
        load.append(os.getloadavg()[0])
        if i:
            print(f"round {i}: " + ", ".join(
                f"{v['name']} {results[v['name']][-1]['listen_ms']:.0f}/{results[v['name']][-1]['cpu_ms']:.0f}"
                for v in args.variants), file=sys.stderr, flush=True)
    print(f"load average (1 min) during the runs: {min(load):.2f}-{max(load):.2f}")
    print(f"{'variant':24} {'listen ms':>10} {'(min-max)':>12} {'cpu ms':>8}" + (f" {'cold ms':>8} {'first ms':>8}" if args.cold else ""))
    for v in args.variants:
        rs = results[v["name"]]
        listen = [r["listen_ms"] for r in rs]
        line = (f"{v['name']:24} {statistics.median(listen):10.0f} {min(listen):5.0f}-{max(listen):<6.0f}"
                f" {statistics.median(r['cpu_ms'] for r in rs):8.0f}")
        if args.cold:
            line += (f" {statistics.median(r['cold_ms'] for r in rs):8.0f}"
                     f" {statistics.median(r['first_ms'] for r in rs):8.1f}")
        reported = [r["reported_ms"] for r in rs if "reported_ms" in r]
        if reported:
            line += f"   (its own Listening line: median {statistics.median(reported):.0f} ms)"
        print(line)
    phase_table(args, results)
    if args.out:
        args.out.write_text(json.dumps({"variants": args.variants, "load": load, "results": results}, indent=1))


if __name__ == "__main__":
    main()
