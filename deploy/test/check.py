#!/usr/bin/env python3
"""Checks one Swarm run of deploy/test/swarm.sh and prints what it counted.

    python3 deploy/test/check.py WORK_DIR SCENARIO

Reads WORK_DIR/SCENARIO/ (load.json, tasks.txt, logs/, phases.txt, the edge's and the
clients' addresses) and WORK_DIR/image.json (what run.sh found in the image under test),
prints the counts per phase, per replica and per version, the edge's retries and the
failures, writes SCENARIO/summary.json, and for the "recommended" scenario checks the README's
claims (README, Deploying), each printed as PASS or FAIL; exit status 1 if any fails. The
counterexample is measured, not judged: it exits 0 whatever it lost.
"""
import glob
import json
import os
import re
import sys

# the edge's log-format (deploy/compose/edge/haproxy.cfg)
EDGE_LINE = re.compile(
    r'^(?P<client>\S+):\d+ \[[^]]+\] \S+ \S+/(?P<server>\S+) \S+ \S+ (?P<status>-?\d+) \S+ '
    r'(?P<termination>\S+) \S+/\S+/\S+/\S+/(?P<retries>\+?\d+) \{(?P<agent>[^}]*)\} "(?P<request>[^"]*)"')
LOAD_USER_AGENT = '"ub-deploy-load"'


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return default


def edge_stats(log):
    """The load's requests as the edge logged them: how many it retried, its non-200 answers."""
    retried, answers = 0, {}
    for line in log.splitlines():
        m = EDGE_LINE.match(line)
        if not m or m["agent"] != LOAD_USER_AGENT.strip('"'):
            continue
        if m["retries"] != "0":
            retried += 1
        if m["status"] != "200":
            key = "%s %s via %s" % (m["status"], m["termination"], m["server"])
            answers[key] = answers.get(key, 0) + 1
    return retried, answers


def access_clients(logs):
    """The client addresses the app's access log shows for the load's requests."""
    clients = {}
    for log in logs:
        for line in log.splitlines():
            if line.endswith(LOAD_USER_AGENT):
                address = line.split(" ", 1)[0]
                clients[address] = clients.get(address, 0) + 1
    return clients


def main():
    work, scenario = sys.argv[1], sys.argv[2]
    out = os.path.join(work, scenario)
    load = json.loads(read(os.path.join(out, "load.json"), "{}") or "{}")
    image = json.loads(read(os.path.join(work, "image.json"), "{}") or "{}")
    tasks = [line.split() for line in read(os.path.join(out, "tasks.txt")).splitlines() if line.strip()]
    started = [line.split() for line in read(os.path.join(out, "started.txt")).splitlines() if line.strip()]
    app_logs = [read(p) for p in sorted(glob.glob(os.path.join(out, "logs", "app-*.log")))]
    edge_log = read(os.path.join(out, "logs", "edge.log"))
    edge_addresses = read(os.path.join(out, "edge-addresses.txt")).split()
    client_address = read(os.path.join(out, "client-address.txt")).strip()

    replicas = load.get("replicas", {})
    # a container Swarm started after the load's last phase began (a replacement) owes nothing
    phase_times = dict(line.split() for line in read(os.path.join(out, "phases.txt")).splitlines() if line.strip())
    last_phase = float(phase_times.get("tail", "inf"))
    ran = [s[0][:12] for s in started if len(s) < 3 or int(s[2]) < last_phase]
    late = [s[0][:12] for s in started if len(s) >= 3 and int(s[2]) >= last_phase]
    idle = [r for r in ran if r not in replicas]
    running = [t for t in tasks if len(t) >= 3 and t[2] == "running"]
    retried, edge_answers = edge_stats(edge_log)
    clients = access_clients(app_logs)
    order = ["start", "steady", "rollout", "scale-down", "scale-up", "tail"]
    phases = dict(sorted(load.get("phases", {}).items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))

    print("== %s: %d requests at %g/s over %.0f s: %d answered 200, %d failed, %d unanswered"
          % (scenario, load.get("sent", 0), load.get("rate", 0), load.get("seconds", 0),
             load.get("ok", 0), load.get("failed", 0), load.get("unanswered", 0)))
    if load.get("late"):
        print("   (%d requests left more than 1 s after their time: the machine could not keep the "
              "schedule; load average %s at the end)" % (load["late"], read("/proc/loadavg").split(" ")[0]))
    for name, p in phases.items():
        what = ", ".join("%s x%d" % kv for kv in list(p["statuses"].items()) + list(p["errors"].items()))
        versions = ", ".join("%s %d" % kv for kv in sorted(p["versions"].items()))
        print("   %-10s %6d sent %6d ok %4d failed   [%s]   versions: %s   p99 %s ms"
              % (name, p["sent"], p["ok"], p["failed"], what, versions, p["p99_ms"]))
    print("   replicas (200s served): " + ", ".join(
        "%s/%s %d" % (r, v["version"], v["ok"]) for r, v in replicas.items()))
    print("   the edge retried %d requests on another replica (connection refused or closed "
          "before an answer); its non-200 answers: %s" % (retried, edge_answers or "none"))
    print("   access log client addresses of the load: %s (the edge sees clients as %s; the "
          "edge itself is %s)" % (clients or "none", client_address, " ".join(edge_addresses)))
    for f in load.get("failures", [])[:10]:
        print("   failure at %6.2f s (%s) %s: %s" % (f["t"], f["phase"], f["path"], f["what"]))

    checks = []
    if scenario == "recommended":
        checks = [
            ("the image answers its liveness and readiness paths (README, Stopping)",
             image.get("liveness") == 200 and image.get("readiness") == 200,
             "GET %s -> %s, GET %s -> %s" % (image.get("liveness_path"), image.get("liveness"),
                                             image.get("readiness_path"), image.get("readiness"))),
            ("the image has a HEALTHCHECK (compose.prod.yaml relies on it)",
             bool(image.get("healthcheck")), json.dumps(image.get("healthcheck"))),
            ("0 failed requests across the rollout, the scale-down and the scale-up",
             load.get("failed") == 0 and load.get("unanswered") == 0 and load.get("sent", 0) > 0,
             "%s failed, %s unanswered of %s" % (load.get("failed"), load.get("unanswered"), load.get("sent"))),
            ("every replica that ran served requests", bool(ran) and not idle,
             "%d containers started before the last phase; served nothing: %s%s" % (
                 len(ran), idle or "none", "; started later: %s" % late if late else "")),
            ("both versions served, and only the new one at the end",
             {"v1", "v2"} <= set(load.get("versions", {})) and set(phases.get("tail", {}).get("versions", {})) == {"v2"},
             "versions %s; in the last phase %s" % (load.get("versions"), phases.get("tail", {}).get("versions"))),
            ("3 replicas of the new image run at the end",
             len(running) == 3 and all(t[1].split("@")[0] == image.get("new") for t in running),
             "running: %s" % [t[1] for t in running]),
            ("the access log shows the client, not the edge (FORWARDED_ALLOW_IPS)",
             bool(clients) and set(clients) == {client_address},
             "addresses %s" % clients),
        ]
        for name, ok, detail in checks:
            print("   %s: %s (%s)" % ("PASS" if ok else "FAIL", name, detail))

    summary = {k: load.get(k) for k in ("sent", "ok", "failed", "unanswered", "late", "seconds", "rate", "versions")}
    summary.update({
        "scenario": scenario, "phases": phases, "replicas": replicas, "edge_retried": retried,
        "edge_answers": edge_answers, "access_log_clients": clients, "client_address": client_address,
        "containers_started": len(ran), "failures": load.get("failures", [])[:20],
        "checks": [{"check": n, "pass": ok, "detail": d} for n, ok, d in checks],
    })
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    failed = [n for n, ok, _ in checks if not ok]
    print("%d passed, %d failed" % (len(checks) - len(failed), len(failed)) if checks else "")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
