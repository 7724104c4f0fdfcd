#!/usr/bin/env python3
"""The todo row of `make bench`: examples/todo reading one row of PostgreSQL per request
(GET /todos/ID) at 80 connections, with the server under one CPU (--cpus=1), beside

- the ideal the route allows: pgbench sending the same prepared SELECT over as many connections
  as the app's pool holds, from a container with the same one CPU: the database's own rate for
  this query, with no HTTP, JSON or JVM in the way;
- the seed's stack serving the same route: gunicorn + uvicorn + Starlette with psycopg 3's async
  pool (bench/todo/seed.dockerfile), on the same database.

Every server runs at once on its own port; after a warm-up of each, the rounds go round-robin
(app, app, seed, pgbench, pgbench, then again), so each ratio is taken side by side even when
the machine's load drifts. Writes results/todo.json, results/todo.md (the section for
RESULTS.md), results/chart-todo.csv and charts/todo.png under BENCH_OUT (default bench/);
`bench/todo.py report` redraws the last two and todo.md from results/todo.json.

Needs docker, Maven (JAVA_HOME a JDK 21+) and the base image BENCH_BASE:java25
(default undertow-base; `make images TAG=java25`). Settings: BENCH_DURATION, BENCH_ROUNDS,
BENCH_WARMUP as in measure.py; BENCH_TODO_CONNECTIONS (80); BENCH_TODO_PORT (18190: the servers
take it and the next two); BENCH_DB_PORT (15432); BENCH_CLIENT_CPU (0: wrk's CPU).
"""
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

# The same BENCH_* settings as the other rows, read the same way.
from measure import CLIENT_CPU, DURATION, ROUNDS, WARMUP, setting

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = Path(os.environ.get("BENCH_OUT") or HERE)
RESULTS = OUT / "results"
BASE = os.environ.get("BENCH_BASE", "undertow-base")
PREFIX = os.environ.get("BENCH_PREFIX", "ub-bench")

CONNECTIONS = setting("BENCH_TODO_CONNECTIONS", 80)
PORT = setting("BENCH_TODO_PORT", 18190)
DB_PORT = setting("BENCH_DB_PORT", 15432)

ROWS = 1000  # the ids random-id.lua and select.sql draw from
PASSWORD = "bench"
TOOLS = f"{PREFIX}-tools"
APP = f"{PREFIX}-todo"
DB = f"{PREFIX}-todo-postgres"
SEED = f"{PREFIX}-todo-seed"
# The same table the app makes (examples/todo, Database.SCHEMA); it finds it there.
SCHEMA = ("CREATE TABLE IF NOT EXISTS todo (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
          "title text NOT NULL, done boolean NOT NULL DEFAULT false)")
JDBC = f"jdbc:postgresql://127.0.0.1:{DB_PORT}/todo"
# What the app's pool holds by default under --cpus=1 (app.db.pool-size: 2 x cores + 1), and the
# platform worker pool's size on one or two CPUs (2 IO threads x THREADS 8), for comparison.
DEFAULT_POOL = 3
WORKER_POOL = 16
SEED_WORKERS = 2  # gunicorn_conf.py: max(2, cores) on this 2-core machine


def run(*cmd, check=True):
    return subprocess.run(cmd, check=check, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT).stdout


def step(text):
    print(f"\n== {text}", flush=True)


def build():
    step("images (docker's cache makes this quick once built)")
    run("mvn", "-q", "-B", "-f", str(ROOT / "examples/todo/pom.xml"), "-DskipTests", "package")
    for args in ([f"-t{APP}", "--build-arg", f"BASE={BASE}", str(ROOT / "examples/todo")],
                 [f"-t{DB}", str(ROOT / "examples/todo/postgres")],
                 [f"-t{SEED}", "-f", str(HERE / "todo/seed.dockerfile"), str(HERE)],
                 [f"-t{TOOLS}", str(HERE / "tools")]):
        try:
            run("docker", "build", "-q", *args)
        except subprocess.CalledProcessError as e:
            sys.exit(f"error: docker build {' '.join(args)}:\n{e.output[-3000:]}")


def server(name, label, port, image, env, connections):
    return dict(name=name, label=label, port=port, image=image, env=env, connections=connections,
                container=f"{PREFIX}-{name}")


SERVERS = [
    server("todo", f"java25, pool {DEFAULT_POOL} (default)", PORT, APP,
           {"DB_URL": JDBC, "DB_PASSWORD": PASSWORD}, DEFAULT_POOL),
    server("todo-pool16", f"java25, pool {WORKER_POOL}", PORT + 1, APP,
           {"DB_URL": JDBC, "DB_PASSWORD": PASSWORD, "DB_POOL_SIZE": str(WORKER_POOL)}, WORKER_POOL),
    server("seed", "seed: gunicorn + uvicorn + Starlette + psycopg", PORT + 2, SEED,
           {"DB_DSN": f"host=127.0.0.1 port={DB_PORT} dbname=todo user=todo password={PASSWORD}",
            "DB_POOL_SIZE": str(math.ceil(DEFAULT_POOL / SEED_WORKERS))},
           SEED_WORKERS * math.ceil(DEFAULT_POOL / SEED_WORKERS)),
]
IDEALS = {pool: f"ideal-{pool}" for pool in (DEFAULT_POOL, WORKER_POOL)}


ORDER = ("todo", "todo-pool16", "seed", IDEALS[DEFAULT_POOL], IDEALS[WORKER_POOL])


def remove(*names):
    run("docker", "rm", "-f", *names, check=False)


def start_database():
    name = f"{PREFIX}-todo-db"
    remove(name)
    run("docker", "run", "-d", "--name", name, "--network", "host", f"--env=PGPORT={DB_PORT}",
        "--env=POSTGRES_USER=todo", f"--env=POSTGRES_PASSWORD={PASSWORD}", DB)
    deadline = time.monotonic() + 120
    while subprocess.run(["docker", "exec", name, "pg_isready", "-q", "-h", "127.0.0.1"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
        if time.monotonic() > deadline:
            sys.exit(f"error: PostgreSQL did not start:\n{run('docker', 'logs', name, check=False)}")
        time.sleep(0.5)
    sql = f"{SCHEMA}; INSERT INTO todo (title) SELECT 'todo ' || g FROM generate_series(1, {ROWS}) g"
    run("docker", "exec", name, "psql", "-q", "-h", "/var/run/postgresql", "-U", "todo", "-d", "todo", "-c", sql)
    return name


def start(srv):
    remove(srv["container"])
    env = [f"--env={k}={v}" for k, v in {**srv["env"], "PORT": str(srv["port"]), "ACCESS_LOG": ""}.items()]
    run("docker", "run", "-d", "--name", srv["container"], "--network", "host", "--cpus=1", *env, srv["image"])


def wait_ready(srv, deadline_s=180):
    url = f"http://127.0.0.1:{srv['port']}/todos/1"
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"error: {srv['name']}: no 200 on {url} within {deadline_s}s:\n"
             + run("docker", "logs", "--tail", "30", srv["container"], check=False))


def wrk(srv, seconds):
    out = run("docker", "run", "--rm", "--network", "host", f"--cpuset-cpus={CLIENT_CPU}",
              "-v", f"{HERE / 'todo/random-id.lua'}:/random-id.lua:ro", TOOLS,
              "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-s", "/random-id.lua",
              f"http://127.0.0.1:{srv['port']}/")
    found = re.search(r"^JSON (\{.*\})$", out, re.M)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    s = json.loads(found.group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": s["rps"], "requests": s["requests"], "p50_ms": s["p50_us"] / 1000,
            "p99_ms": s["p99_us"] / 1000, "max_ms": s["max_us"] / 1000,
            "non2xx": int(non2xx.group(1)) if non2xx else 0,
            "socket_errors": s["err_connect"] + s["err_read"] + s["err_write"] + s["err_timeout"]}


def pgbench(clients, seconds, warm_up=False):
    """The SELECT alone: queries/s and per-query latency percentiles from pgbench's log."""
    script = (f"pgbench -n -h 127.0.0.1 -p {DB_PORT} -U todo -M prepared -c {clients} -j 1 "
              f"-T {seconds} -f /select.sql -l --log-prefix=/tmp/q todo >/tmp/out 2>&1; rc=$?; "
              f"cat /tmp/out; echo LOG; cat /tmp/q.*; exit $rc")
    out = run("docker", "run", "--rm", "--network", "host", "--cpus=1", f"--env=PGPASSWORD={PASSWORD}",
              "-v", f"{HERE / 'todo/select.sql'}:/select.sql:ro", "--entrypoint", "sh", DB, "-c", script)
    if warm_up:
        return None
    report, log = out.split("\nLOG\n", 1)
    tps = re.search(r"^tps = ([\d.]+)", report, re.M)
    if not tps:
        raise RuntimeError(f"pgbench printed no tps:\n{report}")
    latencies = sorted(int(line.split()[2]) for line in log.splitlines() if line.strip())
    return {"rps": float(tps.group(1)), "requests": len(latencies),
            "p50_ms": latencies[len(latencies) // 2] / 1000,
            "p99_ms": latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] / 1000,
            "max_ms": latencies[-1] / 1000, "non2xx": 0, "socket_errors": 0}


def median(rounds):
    result = {k: statistics.median(r[k] for r in rounds) for k in ("rps", "p50_ms", "p99_ms")}
    result["max_ms"] = max(r["max_ms"] for r in rounds)
    result["errors"] = sum(r["non2xx"] + r["socket_errors"] for r in rounds)
    result["rounds"] = rounds
    return result


def app_settings(srv):
    """The launcher's JSON line (threads, worker pool) and the pool size the app logged."""
    logs = run("docker", "logs", srv["container"], check=False)
    line = next((l for l in logs.splitlines() if l.startswith("{") and l.endswith("}")), None)
    config = json.loads(line) if line else {}
    pool = re.search(r"Database pool: (\d+) connections", logs)
    keys = ("cores", "io_threads", "worker_threads", "worker_pool")
    return {**{k: config.get(k) for k in keys if k in config},
            "db_pool": int(pool.group(1)) if pool else None}


def versions(db):
    java = run("docker", "run", "--rm", "--entrypoint", "sh", APP, "-c",
               "java -version 2>&1 | sed -n 2p; ls /app/lib /opt/launcher/lib | grep -E "
               "'^(HikariCP|postgresql|jackson-jr|undertow-core)'").split()
    python = run("docker", "run", "--rm", SEED, "python3", "-c",
                 "import sys, psycopg, psycopg_pool, starlette, uvicorn; print('Python', sys.version.split()[0], "
                 "'psycopg', psycopg.__version__, psycopg.pq.__impl__, 'psycopg_pool', psycopg_pool.__version__, "
                 "'Starlette', starlette.__version__, 'uvicorn', uvicorn.__version__)").strip()
    pg = run("docker", "exec", db, "postgres", "--version").strip()
    return {"java": " ".join(java), "python": python, "postgresql": pg}


def measure():
    db = start_database()
    names = [s["container"] for s in SERVERS]
    try:
        for srv in SERVERS:
            start(srv)
        for srv in SERVERS:
            wait_ready(srv)
        step(f"warm-up, {WARMUP} s each (load average {os.getloadavg()[0]:.1f})")
        for srv in SERVERS:
            wrk(srv, WARMUP)
        for pool in IDEALS:  # the database's caches and plans; pgbench itself needs no warming
            pgbench(pool, max(2, WARMUP // 2), warm_up=True)
        rounds = {s["name"]: [] for s in SERVERS} | {name: [] for name in IDEALS.values()}
        for i in range(ROUNDS):
            step(f"round {i + 1} of {ROUNDS} (load average {os.getloadavg()[0]:.1f})")
            for srv in SERVERS:
                rounds[srv["name"]].append(wrk(srv, DURATION))
                print(f"  {srv['name']:12} {rounds[srv['name']][-1]['rps']:9.0f} req/s", flush=True)
            for pool, name in IDEALS.items():
                rounds[name].append(pgbench(pool, DURATION))
                print(f"  {name:12} {rounds[name][-1]['rps']:9.0f} queries/s", flush=True)
        settings = {s["name"]: app_settings(s) for s in SERVERS if s["image"] == APP}
        return {"rows": {name: median(r) for name, r in rounds.items()}, "app_settings": settings,
                "versions": versions(db)}
    finally:
        remove(*names, db)


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def summarise(measured):
    rows = measured["rows"]
    ours, big, seed = rows["todo"], rows["todo-pool16"], rows["seed"]
    return {
        "todo_vs_ideal_rps": ratio(ours["rps"], rows[IDEALS[DEFAULT_POOL]]["rps"]),
        "todo_vs_seed_rps": ratio(ours["rps"], seed["rps"]),
        "todo_vs_seed_p99": ratio(ours["p99_ms"], seed["p99_ms"]),
        "pool16_vs_ideal16_rps": ratio(big["rps"], rows[IDEALS[WORKER_POOL]]["rps"]),
        "pool16_vs_default_rps": ratio(big["rps"], ours["rps"]),
    }


def labels():
    return {**{s["name"]: s["label"] for s in SERVERS},
            **{name: f"ideal: pgbench -c {pool}, same SELECT" for pool, name in IDEALS.items()}}


def markdown(result):
    r, s, names = result["rows"], result["ratios"], labels()
    connections = {**{x["name"]: x["connections"] for x in SERVERS}, **{n: p for p, n in IDEALS.items()}}
    lines = [
        "## The todo example against PostgreSQL",
        "",
        f"`GET /todos/ID` of [examples/todo](../examples/todo) (one primary-key SELECT through HikariCP, "
        f"answered as JSON) on `{result['base_image']}` at {CONNECTIONS} connections, each server under `--cpus=1`, wrk on CPU "
        f"{CLIENT_CPU}, PostgreSQL 17 (Debian's package, unconfined) on loopback with {ROWS} rows. "
        "The ideal is what the database itself allows for this query: pgbench sending the same "
        "prepared SELECT over as many connections as the app's pool, from a container with the "
        "same one CPU. The seed's stack has no database app, so the same route was written for it "
        "(Starlette + psycopg 3's async pool, from Debian's packages).",
        "",
        "| | connections to PostgreSQL | req/s | p99 | errors |",
        "|---|--:|--:|--:|--:|",
    ]
    for name in ORDER:
        row = r[name]
        lines.append(f"| {names[name]} | {connections[name]} | {row['rps']:,.0f} | {row['p99_ms']:.2f} ms "
                     f"| {row['errors']} |")
    lines += [
        "",
        f"Ratios, measured side by side: the default pool reaches **{s['todo_vs_ideal_rps']}× the ideal** "
        f"and **{s['todo_vs_seed_rps']}× the seed** (p99 {s['todo_vs_seed_p99']}× the seed's); "
        f"a pool of {WORKER_POOL} (one connection per platform worker thread) reaches "
        f"{s['pool16_vs_ideal16_rps']}× its ideal and {s['pool16_vs_default_rps']}× the default pool.",
        "",
        f"App settings (the launcher's JSON line): {json.dumps(result['app_settings'])}. "
        f"Versions: {result['versions']['java']}; {result['versions']['python']}; "
        f"{result['versions']['postgresql']}.",
        "",
        f"Median of {ROUNDS} rounds of {DURATION} s, servers and pgbench round-robin, after a "
        f"{WARMUP} s warm-up of each; load average {result['load_average_at_start']:.1f} at the start. "
        "Raw figures: `results/todo.json`; `python3 bench/todo.py` measures this section alone.",
        "",
        "![todo](charts/todo.png)",
        "",
    ]
    return "\n".join(lines)


CHART_LABELS = {"todo": f"ours: pool {DEFAULT_POOL}", "todo-pool16": f"ours: pool {WORKER_POOL}",
                "seed": "seed (psycopg)", IDEALS[DEFAULT_POOL]: f"pgbench -c {DEFAULT_POOL}",
                IDEALS[WORKER_POOL]: f"pgbench -c {WORKER_POOL}"}


def chart(result):
    with open(RESULTS / "chart-todo.csv", "w") as fh:
        fh.write("server,req/s\n")
        for name in ORDER:
            fh.write(f"{CHART_LABELS[name]},{result['rows'][name]['rps']:.0f}\n")
    (OUT / "charts").mkdir(parents=True, exist_ok=True)
    subprocess.run(["docker", "run", "--rm", "--user", f"{os.getuid()}:{os.getgid()}",
                    "-v", f"{HERE}:/bench:ro", "-v", f"{OUT}:/out", "-w", "/out", TOOLS,
                    "gnuplot", "/bench/todo/todo.gp"], check=True)


def write(result):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "todo.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "todo.md").write_text(markdown(result))
    chart(result)


def main():
    if sys.argv[1:] == ["report"]:  # redraw todo.md and the chart from results/todo.json
        write(json.loads((RESULTS / "todo.json").read_text()))
        return
    if sys.argv[1:]:
        sys.exit(f'error: unknown argument "{sys.argv[1]}" (usage: bench/todo.py [report])')
    for tool in ("docker", "mvn"):
        if subprocess.run(["sh", "-c", f"command -v {tool}"], stdout=subprocess.DEVNULL).returncode:
            sys.exit(f"error: {tool} is not installed")
    if subprocess.run(["docker", "image", "inspect", f"{BASE}:java25"], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode:
        sys.exit(f"error: BENCH_BASE: {BASE}:java25 is not built (make images TAG=java25)")
    build()
    started = time.time()
    load = os.getloadavg()[0]
    measured = measure()
    result = {"measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "base_image": f"{BASE}:java25",
              "load_average_at_start": load, "seconds": round(time.time() - started),
              "settings": {"connections": CONNECTIONS, "duration_s": DURATION, "rounds": ROUNDS,
                           "warmup_s": WARMUP, "rows": ROWS, "client_cpu": CLIENT_CPU},
              "labels": labels(), **measured}
    result["ratios"] = summarise(measured)
    write(result)
    print("\n" + markdown(result))


if __name__ == "__main__":
    main()
