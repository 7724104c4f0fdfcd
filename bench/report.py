#!/usr/bin/env python3
"""Turns bench/results/*.json into bench/RESULTS.md, the chart data CSVs and the PNG charts.

Every figure in RESULTS.md comes from the JSON files written by measure.py; nothing is typed
by hand. Charts are drawn by gnuplot from the load-client image (ub-bench-tools, or
BENCH_PREFIX-tools). It also writes results/reference-ratios.json, warns (bench/guard.py) about
figures whose rounds disagree and ratios that moved from the committed run's, and exits 3 for
them when BENCH_STRICT=1.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import guard

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("BENCH_OUT") or HERE).resolve()
RESULTS = OUT / "results"
BOUNDS = HERE / "bounds.md"
CHARTS = OUT / "charts"
TOOLS = os.environ.get("BENCH_PREFIX", "ub-bench") + "-tools"
OURS = ["java25-slim", "java25", "java21-slim"]
MAIN = ["seed", "nginx", "undertow", *OURS]
# Cold start only (bench/undertow/cached.dockerfile): the floors of the cold start's bound.
FLOORS = ["undertow-cached", "jvm-alone"]
EXTRA = ["java25-slim-256m", "java25-slim-128m", "java25-slim-log", "java25-slim-json"]
COMPRESSED_MB = 45
AFTER_LOAD_BYTES = 64 * 2**20
MODES = {"pinned": "server pinned to one core (`--cpuset-cpus=1`)",
         "quota": "server under a one-CPU quota (`--cpus=1`, not pinned)"}
ROUTES = {"plaintext": "/", "json": "/json"}
# The blocking rows (measure.py): the seed's sync and async routes, our defaults and our
# platform pool on the slim tags, and the harness's floor (a timer on the IO thread, no thread
# per request); the 50 ms targets are the defaults'.
SEED_BLOCKING = "seed-blocking"
BLOCKING = [SEED_BLOCKING, "java25-slim-blocking", "java25-slim-blocking-platform", "java25-slim-floor",
            "java21-slim-blocking", "java21-slim-blocking-platform"]
BLOCKING_DEFAULTS = ["java25-slim-blocking", "java21-slim-blocking"]
SEED_ASYNC = "async route"
# The servers whose ratio to nginx is compared with the committed run's (README, Benchmarks).
REFERENCES = ["seed", "undertow", *OURS]
REFERENCE_RATIOS = "reference-ratios.json"
# bench/http2.py's results: rows of their own, in a section of their own.
HTTP2 = "http2.json"


def load_results():
    """The servers' results, the resource runs' (bench/resources.py) and the machine's."""
    found, resources = {}, {}
    for path in sorted(RESULTS.glob("*.json")):
        data = json.loads(path.read_text())
        # Only the servers' and the resource runs' files have a name; the machine's,
        # bench/todo.py's (reported in todo.md) and bench/http2.py's (load_http2) are not rows here.
        if "name" in data:
            (resources if data.get("kind") == "resources" else found)[data["name"]] = data
    if not found:
        sys.exit(f"error: {RESULTS}: no results yet; run bench/run.sh first")
    return found, resources, json.loads((RESULTS / "machine.json").read_text())


def load_http2():
    """bench/http2.py's results, or None before it has run."""
    path = RESULTS / HTTP2
    return json.loads(path.read_text()) if path.exists() else None


def mb(n):
    return n / 1e6


def fmt(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(x, base):
    return "—" if x is None or not base else f"{x / base:.2f}×"


def rps_cell(figure):
    """A median req/s, marked when its rounds disagree (README, Benchmarks)."""
    return fmt(figure["rps"], 0) + guard.mark(guard.figure_spread(figure))


class Figures:
    """Lookups that answer None when a server or mode was not measured."""

    def __init__(self, results):
        self.r = results

    def route(self, name, mode, route):
        return self.r.get(name, {}).get("load", {}).get(mode, {}).get("routes", {}).get(route)

    def value(self, name, mode, route, key):
        found = self.route(name, mode, route)
        return None if found is None else found[key]

    def median(self, name, key):
        times = self.r.get(name, {}).get(key)
        return statistics.median(times) if times else None

    def cold(self, name):
        return self.median(name, "cold_start_ms")

    def listening(self, name):
        """Median of the JVM's own time to Listening over the cold starts; None if not recorded."""
        return self.median(name, "jvm_listening_ms")

    def size(self, name):
        return mb(self.r[name]["image_bytes"]) if name in self.r else None

    def compressed(self, name):
        """`docker save | gzip -c` in MB; None in results from before the harness measured it."""
        found = self.r.get(name, {}).get("image_gzip_bytes")
        return None if found is None else mb(found)

    def memory(self, name, phase, mode="pinned"):
        found = self.r.get(name, {}).get("load", {}).get(mode)
        return None if found is None else mb(found[phase]["bytes"])


def verdict(value, limit, at_most):
    if value is None or limit is None:
        return "not measured"
    ok = value <= limit if at_most else value >= limit
    return "**pass**" if ok else "**miss**"


def targets(f):
    """One row per target: (description, {server: cell})."""
    rows = []

    def per_server(text, fn, only=None):
        cells = {}
        for name in OURS:
            shown, result = fn(name)
            if only and name not in only:
                result = f"(target is for {' and '.join(only)})"
            cells[name] = result if result == "not measured" else f"{shown} {result}"
        rows.append((text, cells))

    def rel(name, base, key, mode, route, factor, at_most):
        mine, theirs = f.value(name, mode, route, key), f.value(base, mode, route, key)
        limit = None if theirs is None else factor * theirs
        return ratio(mine, theirs), verdict(mine, limit, at_most)

    for mode in MODES:
        for route, path in ROUTES.items():
            per_server(f"req/s ≥ 0.95 × nginx ({mode}, `{path}`)",
                       lambda n: rel(n, "nginx", "rps", mode, route, 0.95, False))
            per_server(f"req/s ≥ 3 × seed ({mode}, `{path}`)",
                       lambda n: rel(n, "seed", "rps", mode, route, 3, False))
            per_server(f"p99 ≤ 1.5 × nginx ({mode}, `{path}`)",
                       lambda n: rel(n, "nginx", "p99_ms", mode, route, 1.5, True))

    def cold_vs(base, factor):
        def fn(n):
            mine, theirs = f.cold(n), f.cold(base)
            return ratio(mine, theirs), verdict(mine, None if theirs is None else factor * theirs, True)
        return fn

    per_server("cold start ≤ 0.75 × seed", cold_vs("seed", 0.75), only=["java25-slim"])
    per_server("cold start ≤ 0.45 × plain Undertow", cold_vs("undertow", 0.45),
               only=["java25-slim"])

    def listening_fn(n):
        mine = f.listening(n)
        return ("—" if mine is None else f"{mine:.0f} ms"), verdict(mine, 150, True)

    per_server("JVM → Listening ≤ 150 ms (the launcher's own line, median of the cold starts)",
               listening_fn, only=["java25-slim"])

    def size_fn(n):
        mine, theirs, packed = f.size(n), f.size("seed"), f.compressed(n)
        shown = f"{ratio(mine, theirs)}, {fmt(packed)} MB compressed"
        small = verdict(mine, None if theirs is None else 0.9 * theirs, True)
        return shown, small if small != "**pass**" else verdict(packed, COMPRESSED_MB, True)

    # one tag per Java version
    per_server(f"image size ≤ 0.9 × seed and ≤ {COMPRESSED_MB:.0f} MB compressed", size_fn,
               only=["java25-slim", "java21-slim"])

    def idle_fn(n):
        mine, theirs = f.memory(n, "idle"), f.memory("seed", "idle")
        return f"{fmt(mine)} MB vs {fmt(theirs)} MB", verdict(mine, None if theirs is None else 0.7 * theirs, True)

    per_server("idle memory ≤ 0.7 × seed (pinned run)", idle_fn)

    def after_fn(n):
        mine = f.memory(n, "after_load")
        return f"{fmt(mine)} MB", verdict(mine, mb(AFTER_LOAD_BYTES), True)

    per_server(f"memory after load ≤ 64 MiB ({mb(AFTER_LOAD_BYTES):.1f} MB; pinned run, no limit)", after_fn)

    limit_rows = []
    for name in EXTRA[:2]:
        run = f.r.get(name, {}).get("load", {}).get("pinned")
        if run is None:
            limit_rows.append((f"`{name}`: no OOM-kill, no errors", "not measured"))
            continue
        errors = sum(r["non2xx"] + sum(r["socket_errors"].values())
                     for r in run["routes"].values())
        ok = not run["oom_killed"] and run["running_after_load"] and errors == 0
        limit_rows.append((f"`{name.replace('java25-slim-', '--memory=')}`: no OOM-kill, "
                           "no non-2xx or socket errors",
                           f"OOM-killed {str(run['oom_killed']).lower()}, {errors} errors "
                           f"{'**pass**' if ok else '**miss**'}"))
    return rows, limit_rows


def load_table(f, mode):
    out = [f"### Throughput and latency, {MODES[mode]}", "",
           "| server | route | req/s | × nginx | × seed | p50 ms | × nginx | × seed "
           "| p99 ms | × nginx | × seed | errors |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name in MAIN:
        for route, path in ROUTES.items():
            r = f.route(name, mode, route)
            if r is None:
                continue
            errors = r["non2xx"] + sum(r["socket_errors"].values())
            cells = [f.r[name]["label"], f"`{path}`"]
            for key, digits in (("rps", 0), ("p50_ms", 2), ("p99_ms", 2)):
                cells += [fmt(r[key], digits), ratio(r[key], f.value("nginx", mode, route, key)),
                          ratio(r[key], f.value("seed", mode, route, key))]
            cells[2] = rps_cell(r)
            cells.append(str(errors))
            out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def cold_table(f):
    out = ["### Cold start (`docker run -d` → first 200 on `/`, no CPU or memory limits)", "",
           "| server | median ms | min–max ms | runs | × nginx | × seed | × plain Undertow "
           "| JVM → Listening ms |",
           "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for name in (*MAIN, *FLOORS):
        times = f.r.get(name, {}).get("cold_start_ms")
        if not times:
            continue
        med, jvm = f.cold(name), f.listening(name)
        mark = guard.mark(guard.cold_start_spread(f.r[name]), "starts")
        out.append(f"| {f.r[name]['label']} | {med:.0f}{mark} | {min(times):.0f}–{max(times):.0f} "
                   f"| {len(times)} | {ratio(med, f.cold('nginx'))} | {ratio(med, f.cold('seed'))} "
                   f"| {ratio(med, f.cold('undertow'))} | {'—' if jvm is None else f'{jvm:.0f}'} |")
    return out + ["", "JVM → Listening: the time our launcher's Listening line reports in each of "
                  "those starts, from the JVM's start to a bound listener (median), inside the "
                  "container's share of the cold start. The last two rows, when present, are "
                  "measured for their cold start only, as floors: plain `Undertow.builder()` and a "
                  "bare `ServerSocket`, each on java25-slim's own runtime with a start-up cache of "
                  "its own (`bench/undertow/cached.dockerfile`; the Undertow one with the platform "
                  "MBean server refused, as the launcher starts XNIO).", ""]


def footprint_table(f):
    out = ["### Image size and memory", "",
           "*Image MB* is `docker image inspect`'s size (what `docker images` shows), *compressed* "
           "the bytes of `docker save IMAGE | gzip -c` (about what a registry stores and a pull "
           "downloads). Memory is the container's cgroup `memory.usage_in_bytes` minus its page cache "
           "(`total_cache`; on cgroup v2 `memory.current` minus `file`): the memory the "
           "processes themselves hold. *Idle* is read "
           f"{next(iter(f.r.values()))['settings']['settle_s']} s after the first 200, "
           "*after load* right after the last wrk run; both in the pinned run, no memory "
           "limit. `results/*.json` also keep what `docker stats` shows (usage minus "
           "inactive file pages) and anonymous memory.", "",
           "| server | image MB | × nginx | × seed | compressed MB | × nginx | × seed | idle MB | × nginx | × seed "
           "| after load MB | × nginx | × seed |",
           "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name in MAIN:
        if name not in f.r:
            continue
        cells = [f.r[name]["label"]]
        for get in (f.size, f.compressed, lambda n: f.memory(n, "idle"), lambda n: f.memory(n, "after_load")):
            mine = get(name)
            cells += [fmt(mine), ratio(mine, get("nginx")), ratio(mine, get("seed"))]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def limits_table(f):
    out = ["### java25-slim under memory limits (server pinned)", "",
           "| run | route | req/s | p99 ms | non-2xx | socket errors | OOM-killed "
           "| running after load | idle MB | after load MB |",
           "|---|---|--:|--:|--:|--:|---|---|--:|--:|"]
    for name in ("java25-slim", *EXTRA):
        run = f.r.get(name, {}).get("load", {}).get("pinned")
        if run is None:
            continue
        for route, path in ROUTES.items():
            r = run["routes"][route]
            out.append(f"| {f.r[name]['label']} | `{path}` | {rps_cell(r)} "
                       f"| {fmt(r['p99_ms'], 2)} | {r['non2xx']} "
                       f"| {sum(r['socket_errors'].values())} | {str(run['oom_killed']).lower()} "
                       f"| {str(run['running_after_load']).lower()} "
                       f"| {fmt(mb(run['idle']['bytes']))} | {fmt(mb(run['after_load']['bytes']))} |")
    out += ["", "Every row of ours and of the seed runs with `ACCESS_LOG=` (access log off), "
            "because nginx runs with `access_log off` and plain Undertow has none; the "
            "*access log on* rows leave `ACCESS_LOG` at its default (`-`: one line per request "
            "on stdout, collected by Docker's log driver) to show what that costs, in the "
            "default text format and with `LOG_FORMAT=json`.", ""]
    return out


def versions_table(f):
    out = ["| server | image | size MB | software | measured at (UTC) | load average then |",
           "|---|---|--:|---|---|--:|"]
    for name in MAIN:
        if name in f.r:
            r = f.r[name]
            out.append(f"| {r['label']} | `{r['image']}` ({r['image_id'][7:19]}) "
                       f"| {fmt(mb(r['image_bytes']))} | {'; '.join(r['versions'])} "
                       f"| {r['measured_at'][:19].replace('T', ' ')} "
                       f"| {fmt(r.get('load_average_at_start'), 2)} |")
    return out + [""]


def blocking_figures(f, name):
    """{route: {connections: median round}} of a blocking row, or None."""
    found = f.r.get(name, {}).get("blocking")
    if not found:
        return None
    return {route: {int(c): r for c, r in by_count.items() if c != "path"}
            for route, by_count in found["routes"].items()}


def blocking_targets(f):
    """Our defaults against the 50 ms targets: one line per tag and route."""
    seed = blocking_figures(f, SEED_BLOCKING) or {}
    lines = []
    for name in BLOCKING_DEFAULTS:
        routes = blocking_figures(f, name)
        if routes is None:
            lines.append(f"- `{name.removesuffix('-blocking')}` blocking route: not measured")
            continue
        wait = f.r[name]["blocking"]["wait_ms"]
        for route, by_count in routes.items():
            checks = []
            for c, floor in ((80, 0.95), (400, 0.9)):
                r = by_count.get(c)
                if r is None:
                    continue
                ideal = c * 1000 / wait
                async_rps = seed.get(SEED_ASYNC, {}).get(c, {}).get("rps")
                checks.append(f"{c} connections: {r['rps'] / ideal:.2f}× ideal (≥ {floor}) "
                              f"{verdict(r['rps'], floor * ideal, False)}, "
                              f"p99 {r['p99_ms']:.0f} ms (≤ {1.5 * wait:.0f}) "
                              f"{verdict(r['p99_ms'], 1.5 * wait, True)}, "
                              f"{ratio(r['rps'], async_rps)} the seed's async route (≥ 1) "
                              f"{verdict(r['rps'], async_rps, False)}")
            lines.append(f"- `{name.removesuffix('-blocking')}` defaults, {route}: " + "; ".join(checks))
    return lines


def blocking_table(f):
    present = [n for n in BLOCKING if blocking_figures(f, n)]
    if not present:
        return []
    wait = f.r[present[0]]["blocking"]["wait_ms"]
    seed = blocking_figures(f, SEED_BLOCKING) or {}
    counts = sorted({c for n in present for by in blocking_figures(f, n).values() for c in by})
    out = [f"### Blocking handlers: a {wait} ms wait, then the answer "
           f"(server `{' '.join(f.r[present[0]]['blocking']['limits'])}`)", "",
           f"Ideal is connections / {wait} ms: "
           + ", ".join(f"{c * 1000 / wait:,.0f} req/s at {c}" for c in counts)
           + ". × seed compares with the seed's async route at the same connections. wrk -t2.", "",
           "| server | route | connections | req/s | × ideal | × seed | p50 ms | p99 ms | p99 × wait | errors |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name in present:
        for route, by_count in blocking_figures(f, name).items():
            for c, r in sorted(by_count.items()):
                errors = r["non2xx"] + sum(r["socket_errors"].values())
                out.append(f"| {f.r[name]['label']} | {route} (`{f.r[name]['blocking']['routes'][route]['path']}`) "
                           f"| {c} | {rps_cell(r)} "
                           f"| {r['rps'] / (c * 1000 / wait):.2f}× "
                           f"| {ratio(r['rps'], seed.get(SEED_ASYNC, {}).get(c, {}).get('rps'))} "
                           f"| {fmt(r['p50_ms'], 1)} | {fmt(r['p99_ms'], 1)} | {r['p99_ms'] / wait:.2f}× | {errors} |")
    return out + [""] + [f"- {f.r[n]['label']}: `{f.r[n]['blocking']['command']}` (measured "
                         f"{f.r[n]['measured_at'][:16].replace('T', ' ')} UTC, load average then "
                         f"{fmt(f.r[n].get('load_average_at_start'), 1)})" for n in present] + [""]


def resource_rows(resources):
    """Per resource run: the figures after the first 100k requests and after the last, and the verdicts."""
    out = []
    for name, r in sorted(resources.items()):
        samples = r["samples"]
        first = next((x for x in samples if x["requests"] >= r["settings"]["first"]), samples[-1])
        last = samples[-1]
        flat = (last["fds"] <= first["fds"] and last["threads"] <= first["threads"] + 2
                and last["heap_after_gc_bytes"] <= first["heap_after_gc_bytes"] * 1.25 + (2 << 20)
                and last["rss_bytes"] <= first["rss_bytes"] * 1.1)
        ok = flat and not r["oom_killed"] and r["running_after_load"] and r["errors"] == 0
        out.append((r, first, last, "**pass**" if ok else "**miss**"))
    return out


def resources_table(resources):
    rows = resource_rows(resources)
    if not rows:
        return []
    out = ["### A million blocking requests under `--memory=256m` (bench/resources.py)", "",
           "Every other request waits 50 ms in a `BlockingHandler`; the others POST 64 KiB that the "
           "handler reads through `getInputStream()` and writes back through `getOutputStream()`. "
           "After each wrk run the app reports, after a full GC, its open file descriptors, OS "
           "threads, heap and RSS; *first* is the first report after 100k requests. Flat: file "
           "descriptors no more, threads at most 2 more (the JIT's come and go), heap after GC "
           "within 25% + 2 MiB, RSS within 10%.", "",
           "| run | requests | seconds | errors | OOM-killed | open files first → last | threads "
           "| heap after GC MB | RSS MB | peak container MB | flat, no errors |",
           "|---|--:|--:|--:|---|---|---|---|---|--:|---|"]
    for r, first, last, verdict_ in rows:
        peak = r.get("peak_container_bytes")
        out.append(f"| {r['label']} | {r['requests']:,} | {r['seconds']:.0f} | {r['errors']} "
                   f"| {str(r['oom_killed']).lower()} | {first['fds']} → {last['fds']} "
                   f"| {first['threads']} → {last['threads']} "
                   f"| {mb(first['heap_after_gc_bytes']):.1f} → {mb(last['heap_after_gc_bytes']):.1f} "
                   f"| {mb(first['rss_bytes']):.1f} → {mb(last['rss_bytes']):.1f} "
                   f"| {fmt(None if peak is None else mb(peak))} | {verdict_} |")
    return out + ["", "Commands: " + "; ".join(f"`{r['command']}` with `{r['client']}` (load average at start "
                                               f"{r['load_average_at_start']:.1f})" for r, *_ in rows), ""]


def http2_cell(row, key, digits):
    """A median of bench/http2.py's, marked when its rounds disagree."""
    return fmt(row[f"{key}_median"], digits) + guard.mark(guard.spread(row.get(f"{key}_rounds", [])))


def http2_table(h2):
    """bench/http2.py's rows; each h2c figure over the same image's HTTP/1.1 one, measured in the
    same run (the rounds alternate), since rates taken at different times on this machine differ."""
    if not h2 or not h2.get("rows"):
        return []
    s = h2["settings"]
    http1 = {row["image"]: row for row in h2["rows"] if row["client"].startswith("HTTP/1.1")}
    out = ["### HTTP/2 (bench/http2.py)", "",
           f"The example app on `java25-slim`, pinned to one core (`--cpuset-cpus={s['server_cpu']}`, "
           f"the client on core {s['client_cpu']}), access log off, {s['connections']} connections: "
           "HTTP/1.1 with wrk, and h2c by prior knowledge with h2load, one request in flight per "
           "connection (`-m1`, wrk's pattern) and ten (`-m10`, multiplexed). Median of "
           f"{s['rounds']} rounds of {s['duration_s']} s after a {s['warmup_s']} s warm-up, the "
           "clients (and images) taking turns every round. CPU per request is the server "
           "container's CPU time over a run divided by the requests it answered: on a busy machine "
           "it moves much less than the rate. × HTTP/1.1 divides by the same image's HTTP/1.1 row "
           "of this run. h2load reports no percentiles.", "",
           "| image | client | req/s | p99 ms | CPU µs/request | req/s × HTTP/1.1 "
           "| CPU/request × HTTP/1.1 | failed |",
           "|---|---|--:|--:|--:|--:|--:|--:|"]
    for row in h2["rows"]:
        base = http1.get(row["image"])
        own = base is None or base is row

        def versus(key):
            return "—" if own else ratio(row[f"{key}_median"], base[f"{key}_median"])

        out.append(f"| `{row['image']}` | {row['client']} | {http2_cell(row, 'rps', 0)} "
                   f"| {fmt(row.get('p99_ms_median'), 2)} | {http2_cell(row, 'cpu_us_per_request', 1)} "
                   f"| {versus('rps')} | {versus('cpu_us_per_request')} | {row['failed']} |")
    when = []
    if h2.get("measured_at"):
        when.append(f"Measured {h2['measured_at'][:16].replace('T', ' ')} UTC")
    load = h2.get("load_average_at_start")
    if load is not None:  # http2.py warns from 0.5 on
        busy = " (a busy machine: the rates are noisy, CPU per request less so)" if load >= 0.5 else ""
        when.append(f"load average then {load:.1f}{busy}")
    out.append("")
    if when:
        out += [", ".join(when) + ".", ""]
    return out + ["Commands: " + "; ".join(f"`{c}`" for c in h2.get("commands", {}).values()), ""]


def commands(f):
    out = ["| server | mode | command |", "|---|---|---|"]
    for name in [n for n in (*MAIN, *EXTRA) if n in f.r]:
        r = f.r[name]
        for mode, run in r["load"].items():
            out.append(f"| {r['label']} | {mode} | `{run['command']}` |")
    return out + [""]


def write_chart_data(f):
    CHARTS.mkdir(exist_ok=True)
    present = [n for n in MAIN if n in f.r]
    labels = {n: {"seed": "seed (Python)", "undertow": "plain Undertow"}.get(n, n) for n in present}

    def write(name, header, rows):
        with open(RESULTS / name, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)

    series = [(m, r) for m in MODES for r in ROUTES]
    write("chart-throughput.csv", ["server", *(f"{m} {ROUTES[r]}" for m, r in series)],
          [[labels[n], *(fmt0(f.value(n, m, r, "rps")) for m, r in series)] for n in present])
    write("chart-p99.csv", ["server", *(f"{m} {ROUTES[r]}" for m, r in series)],
          [[labels[n], *(fmt0(f.value(n, m, r, "p99_ms"), 3) for m, r in series)]
           for n in present])
    write("chart-coldstart.csv", ["server", "median ms"],
          [[labels[n], fmt0(f.cold(n))] for n in present if f.cold(n)])
    write("chart-footprint.csv", ["server", "image MB", "idle MB", "after load MB"],
          [[labels[n], fmt0(f.size(n), 1), fmt0(f.memory(n, "idle"), 1),
            fmt0(f.memory(n, "after_load"), 1)] for n in present])
    rows = []
    for name in BLOCKING:
        routes = blocking_figures(f, name)
        short = {SEED_BLOCKING: "seed"}.get(name, name.removesuffix("-blocking").replace("-blocking-", " "))
        for route, by_count in (routes or {}).items():
            wait = f.r[name]["blocking"]["wait_ms"]
            rows.append([f"{short} {route.split(' ')[0]}",
                         *(fmt0(by_count[c]["rps"] * wait / (c * 1000), 3) if c in by_count else ""
                           for c in (80, 400))])
    write("chart-blocking.csv", ["server", "80 connections", "400 connections"], rows)
    return bool(rows)


def fmt0(x, digits=0):
    return "" if x is None else f"{x:.{digits}f}"


def draw_charts(blocking):
    """blocking: whether there are blocking rows to chart."""
    subprocess.run(["docker", "run", "--rm", "--user", f"{os.getuid()}:{os.getgid()}",
                    "-v", f"{HERE}:/bench:ro", "-v", f"{OUT}:/out", "-w", "/out", TOOLS,
                    "gnuplot", "-e", f"blocking={int(blocking)}", "/bench/charts.gp"],
                   check=True)


def describe(s):
    return (f"median of {s.get('rounds', 1)} rounds of {s['duration_s']} s per route (routes "
            f"alternating) after a {s['warmup_s']} s warm-up of every route, "
            f"{s['connections']} connections, cold start = median of {s['cold_start_runs']} "
            f"runs, idle memory read {s['settle_s']} s after the first 200, port {s['port']}")


def run_time(machine):
    """How long `make bench` took: builds of what was missing, then the measurements."""
    started, measuring = machine.get("bench_started"), machine.get("measure_started")
    now = machine.get("measure_finished")
    if not started or not measuring or not now:
        return []

    def minutes(s):
        return f"{s // 60} min {s % 60} s"

    return [f"- `make bench` run time: {minutes(now - started)} ({minutes(measuring - started)} "
            f"building the images that were missing, {minutes(now - measuring)} measuring)"]


def self_checks(noisy, drifts=(), source=None):
    """What the run found about itself (README, Benchmarks), placed above the targets because a
    verdict resting on a noisy figure is no verdict. source: where the committed ratios came
    from, None when there are none."""
    out = ["## Does this run agree with itself?", ""]
    if source is None:
        out.append(f"- No committed ratios to nginx to compare with (`results/{REFERENCE_RATIOS}` "
                   "is written by this report: commit it with the results).")
    elif drifts:
        out += [f"- ⚠ {d.line()}" for d in drifts]
    else:
        out.append(f"- Every ratio to nginx is within {guard.DRIFT_LIMIT:.0%} of the committed "
                   f"run's ({source}).")
    if noisy:
        out.append(f"- ⚠ {len(noisy)} figures whose rounds (or cold starts) stray more than "
                   f"±{guard.SPREAD_LIMIT:.0%} from their median (marked ⚠ in the tables; re-run "
                   "before quoting them): "
                   + "; ".join(f"{s.server}, {s.where}: {guard.percent(s.value)}" for s in noisy))
    else:
        out.append(f"- Every figure's rounds (and cold starts) lie within ±{guard.SPREAD_LIMIT:.0%} "
                   "of their median.")
    return out + [""]


def committed_ratios():
    """The ratios to nginx of the committed run, and where they came from: the file as committed
    (git HEAD), since the working tree's copy is rewritten by every report; without git or a
    committed copy, the copy on disk, read before this report replaces it."""
    found = subprocess.run(["git", "-C", str(HERE), "show", f"HEAD:./results/{REFERENCE_RATIOS}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=False)
    if found.returncode == 0:
        return json.loads(found.stdout)["ratios"], f"`results/{REFERENCE_RATIOS}` as committed"
    on_disk = HERE / "results" / REFERENCE_RATIOS
    if on_disk.exists():
        return json.loads(on_disk.read_text())["ratios"], \
            f"`results/{REFERENCE_RATIOS}` as the last report left it (not in git)"
    return None, None


def write_ratios(ratios):
    (RESULTS / REFERENCE_RATIOS).write_text(json.dumps({
        "about": "median req/s of each server ÷ nginx's, same mode and route, from results/*.json; "
                 "written by bench/report.py, which warns when a run moves one more than "
                 f"{guard.DRIFT_LIMIT:.0%} from the committed copy (README, Benchmarks)",
        "base": guard.BASE,
        "ratios": ratios,
    }, indent=2, ensure_ascii=False) + "\n")


def main():
    strict = guard.strict_setting(os.environ)
    results, resources, machine = load_results()
    h2 = load_http2()
    noisy = guard.noisy(results, h2)
    ratios = guard.ratios(results, REFERENCES)
    committed, source = committed_ratios()
    drifts = guard.drifts(committed, ratios) if committed else []
    f = Figures(results)
    rows, limit_rows = targets(f)
    dates = sorted(r["measured_at"] for r in (*results.values(), *resources.values(), *([h2] if h2 else []))
                   if r.get("measured_at"))
    settings = sorted({describe(r["settings"]) for r in results.values()})
    md = ["# undertow-base benchmarks", "",
          "Generated by `bench/report.py` from `results/*.json` (written by "
          "`bench/measure.py` and, for the HTTP/2 rows, `bench/http2.py`, all run by "
          "`make bench`); do not edit by hand.", "",
          f"- Measured: {dates[0]} to {dates[-1]} (UTC)",
          f"- Machine: {machine['cpu']}, {machine['cpus']} CPUs, Linux {machine['kernel']}, "
          f"Docker {machine['docker']}; 1-minute load average at start "
          f"{machine['load_average_at_start']:.2f}",
          *run_time(machine),
          f"- Client: wrk {machine['wrk']}: `{machine['client']}`",
          f"- Settings: {'; and for some servers '.join(settings)}", "",
          "Each server runs alone, on loopback (`--network host`). Ratios compare with "
          "nginx (the practical ceiling) and with the seed's stack (gunicorn + uvicorn "
          "workers + Starlette) measured the same way; × plain Undertow compares with "
          "`Undertow.builder()` defaults on Debian's stock JRE (the floor).", "",
          *self_checks(noisy, drifts, source),
          "## Targets", "",
          "| target | java25-slim | java25 | java21-slim |", "|---|---|---|---|"]
    for text, cells in rows:
        md.append(f"| {text} | " + " | ".join(cells[n] for n in OURS) + " |")
    md += [""] + [f"- {text}: {cell}" for text, cell in limit_rows] + [""]
    md += blocking_targets(f)
    md += [f"- `{r['label']}`, {r['requests']:,} blocking requests under `--memory=256m`: fds, threads, "
           f"heap and RSS flat from the first 100k to the last, no OOM-kill, no errors: {v}"
           for r, _, _, v in resource_rows(resources)] + [""]
    # What bounds a missed target comes from profiles and separate measurements, not from this
    # run, so it is written by hand in bounds.md and only copied here.
    if BOUNDS.exists():
        md += [BOUNDS.read_text().rstrip(), ""]
    md += ["## Charts", "",
           "![Throughput](charts/throughput.png)", "", "![p99 latency](charts/p99.png)", "",
           "![Cold start](charts/coldstart.png)", "", "![Size and memory](charts/footprint.png)", "",
           *(["![Blocking route](charts/blocking.png)", ""] if blocking_figures(f, BLOCKING_DEFAULTS[0]) else []),
           "## Figures", ""]
    for mode in MODES:
        md += load_table(f, mode)
    md += cold_table(f) + footprint_table(f) + limits_table(f) + blocking_table(f) + resources_table(resources)
    md += http2_table(h2)
    md += ["## Versions", ""] + versions_table(f)
    md += ["## Commands", "", "Every load: a warm-up run on each route (the JIT shares the pinned core, so a JVM "
           "needs 15-20 s to reach its steady rate), then rounds that measure each route in turn, "
           "the median round of each route reported (every round is in `results/*.json`); "
           "the container is started fresh for each mode. Cold start runs the same "
           "`docker run` without `--cpuset-cpus`/`--cpus`, one unmeasured run first.", ""]
    md += commands(f)
    (OUT / "RESULTS.md").write_text("\n".join(md))
    write_ratios(ratios)
    draw_charts(write_chart_data(f))
    # Last, so that it is what the terminal shows when the run ends.
    warnings = [*noisy, *drifts]
    for w in warnings:
        print(w.warning(), file=sys.stderr)
    status = guard.exit_status(warnings, strict)
    if status:
        print(f"error: BENCH_STRICT=1 and {len(warnings)} warnings above", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
