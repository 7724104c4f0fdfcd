"""The benchmark's checks on itself (README, Benchmarks), kept free of Docker so that
bench/test_guard.py can feed them made-up results.

Rounds: a median hides how far its rounds were apart. On these shared 2-core machines a round
now and then loses half its rate to a neighbour (java25 under the quota, /json, in the committed
run: 16,843 req/s in a round, median 30,559), and a figure whose rounds disagree by more than
the noise of a quiet machine (±15%) is not one to quote.
"""
import statistics
import sys
from dataclasses import dataclass

SPREAD_LIMIT = 0.15


def spread(values):
    """How far the value farthest from the median lies from it, as a fraction of the median.

    The largest distance rather than a standard deviation: one bad round out of three is what
    happens here, and it is what a reader quoting the median should hear about."""
    values = list(values)
    if len(values) < 2:
        return 0.0
    mid = statistics.median(values)
    far = max(abs(v - mid) for v in values)
    if not mid:
        return 0.0 if not far else float("inf")
    return round(far / mid, 4)


def figure_spread(figure, key="rps"):
    """The spread of one median_round() figure: stored by measure.py, or worked out from the
    rounds for results written before it stored one."""
    stored = figure.get(f"{key}_spread")
    if stored is not None:
        return stored
    return spread(r[key] for r in figure.get("rounds", []))


def cold_start_spread(result):
    """The spread of a server's cold starts: stored by measure.py, or worked out from them."""
    stored = result.get("cold_start_spread")
    return spread(result.get("cold_start_ms") or []) if stored is None else stored


def percent(x, limit=SPREAD_LIMIT):
    """Whole percent, unless that would print a figure over the limit as the limit itself."""
    whole = f"{x:.0%}"
    return f"{x:.1%}" if x > limit and round(x * 100) <= round(limit * 100) else whole


def mark(value, of="rounds"):
    """The note a table cell carries when its rounds (or cold starts) disagree."""
    return f" ⚠ {of} spread {percent(value)}" if value > SPREAD_LIMIT else ""


@dataclass(frozen=True)
class Spread:
    server: str
    where: str
    value: float
    of: str = "rounds"

    @property
    def noisy(self):
        return self.value > SPREAD_LIMIT

    def warning(self):
        return (f"WARNING: {self.server}, {self.where}: {self.of} spread {percent(self.value)} from "
                f"their median (more than ±{SPREAD_LIMIT:.0%}); re-run before quoting it")


def spreads(results):
    """Every figure that has rounds, from {server name: measure.py's result}."""
    found = []
    for name, r in sorted(results.items()):
        if r.get("cold_start_ms"):
            found.append(Spread(name, "cold start", cold_start_spread(r), "starts"))
        for mode, run in r.get("load", {}).items():
            for route, figure in run.get("routes", {}).items():
                found.append(Spread(name, f"{mode} {route} req/s", figure_spread(figure)))
        for route, by_count in (r.get("blocking") or {}).get("routes", {}).items():
            for count, figure in by_count.items():
                if count != "path":
                    found.append(Spread(name, f"{route} at {count} connections req/s",
                                        figure_spread(figure)))
    return found


# bench/http2.py's figures, each row's rounds as it stores them ("rps_rounds", ...).
HTTP2_FIGURES = (("rps", "req/s"), ("cpu_us_per_request", "CPU per request"))


def http2_spreads(http2):
    """Every figure of bench/http2.py's results (results/http2.json; None before it has run):
    req/s and CPU per request of each image and client, the ratios of h2c to HTTP/1.1 resting on
    both."""
    return [Spread(row["image"], f"HTTP/2 run, {row['client']} {what}", spread(row.get(f"{key}_rounds", [])))
            for row in (http2 or {}).get("rows", []) for key, what in HTTP2_FIGURES]


def noisy(results, http2=None):
    return [s for s in (*spreads(results), *http2_spreads(http2)) if s.noisy]


# Drift: the committed run's ratios to nginx are what the README quotes. Absolute rates move
# between days on these machines, ratios measured side by side should not; when one moves by more
# than a quarter, either this run or the committed one was disturbed, and a single run cannot
# say which.
DRIFT_LIMIT = 0.25
BASE = "nginx"
# BENCH_STRICT=1 turns the warnings into this exit status (2 is bad input, 1 a failed run).
STRICT_STATUS = 3


def ratios(results, servers):
    """{server: {mode: {route: its median req/s ÷ nginx's}}} for what both measured."""
    base = results.get(BASE, {}).get("load", {})
    found = {}
    for name in servers:
        for mode, run in results.get(name, {}).get("load", {}).items():
            for route, figure in run.get("routes", {}).items():
                theirs = base.get(mode, {}).get("routes", {}).get(route)
                if theirs and theirs["rps"]:
                    found.setdefault(name, {}).setdefault(mode, {})[route] = \
                        round(figure["rps"] / theirs["rps"], 4)
    return found


@dataclass(frozen=True)
class Drift:
    server: str
    mode: str
    route: str
    was: float
    now: float

    def line(self):
        return (f"this run disagrees with the committed one: {self.server}/{BASE} "
                f"{self.was:.2f} → {self.now:.2f} ({self.mode} {self.route}, "
                f"{self.now / self.was - 1:+.0%}); re-run before quoting it")

    def warning(self):
        return f"WARNING: {self.line()}"


def drifts(committed, current):
    """Each ratio of current more than DRIFT_LIMIT away from the committed one; ratios only one
    side has (a server not measured, a new route) are not compared."""
    found = []
    for name, modes in sorted(current.items()):
        for mode, routes in modes.items():
            for route, now in routes.items():
                was = committed.get(name, {}).get(mode, {}).get(route)
                if was and abs(now / was - 1) > DRIFT_LIMIT:
                    found.append(Drift(name, mode, route, was, now))
    return found


def strict(environ):
    raw = environ.get("BENCH_STRICT", "")
    if raw not in ("", "0", "1"):
        raise ValueError(f'BENCH_STRICT: "{raw}" is not 0 or 1')
    return raw == "1"


def strict_setting(environ):
    """strict(), with a bad value ending the script the way every bad setting does."""
    try:
        return strict(environ)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)


def exit_status(warnings, strict_):
    return STRICT_STATUS if strict_ and warnings else 0
