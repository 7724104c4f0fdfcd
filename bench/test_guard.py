"""The benchmark's checks on itself (bench/guard.py), on made-up results: no Docker, no timing.

Run: python3 -m unittest discover -s bench -p 'test_*.py' (part of `make unit`).
"""
import unittest

import guard
import report


def rounds(*rps):
    """A median_round() figure as measure.py writes it, before it stored a spread."""
    return {"rps": sorted(rps)[len(rps) // 2], "rounds": [{"rps": x} for x in rps]}


def server(name, pinned=None, quota=None, cold=None, blocking=None):
    """A results/<name>.json: {mode: {route: figure}} for the load runs."""
    r = {"name": name, "load": {}}
    for mode, routes in (("pinned", pinned), ("quota", quota)):
        if routes:
            r["load"][mode] = {"routes": routes}
    if cold:
        r["cold_start_ms"] = list(cold)
    if blocking:
        r["blocking"] = {"routes": blocking}
    return r


def results(*servers):
    return {s["name"]: s for s in servers}


class RoundsSpread(unittest.TestCase):

    def test_rounds_within_15_percent_of_their_median_pass(self):
        r = results(server("java25-slim", pinned={"plaintext": rounds(42000, 40000, 46000)},
                           cold=[680, 650, 700, 720]))
        self.assertEqual([], guard.noisy(r))

    def test_a_round_22_percent_above_the_median_is_named_with_its_spread(self):
        r = results(server("java25", pinned={"plaintext": rounds(40000, 41000, 50020),
                                              "json": rounds(40000, 41000, 42000)}))
        found = guard.noisy(r)
        self.assertEqual([("java25", "pinned plaintext req/s")],
                         [(s.server, s.where) for s in found])
        self.assertAlmostEqual(0.22, found[0].value, places=3)
        warning = found[0].warning()
        self.assertTrue(warning.startswith("WARNING: java25, pinned plaintext req/s: "), warning)
        self.assertIn("rounds spread 22%", warning)

    def test_a_round_below_the_median_counts_as_much_as_one_above(self):
        r = results(server("seed", quota={"json": rounds(6000, 7800, 8000)}))
        self.assertEqual(["quota json req/s"], [s.where for s in guard.noisy(r)])

    def test_the_spread_measure_py_stored_is_the_one_used(self):
        figure = {**rounds(40000, 41000, 42000), "rps_spread": 0.3}
        r = results(server("java25", pinned={"json": figure}))
        self.assertEqual([0.3], [s.value for s in guard.noisy(r)])

    def test_blocking_rows_are_checked_per_route_and_connection_count(self):
        r = results(server("java25-slim-blocking", blocking={
            "dispatch()": {"path": "/dispatch", "80": rounds(1000, 1050, 1100),
                           "400": rounds(2057, 3852, 4478)}}))
        self.assertEqual(["dispatch() at 400 connections req/s"],
                         [s.where for s in guard.noisy(r)])

    def test_cold_start_is_checked_when_it_has_several_starts(self):
        self.assertEqual(["cold start"], [s.where for s in guard.noisy(
            results(server("nginx", cold=[200, 230, 240, 300])))])
        self.assertEqual([], guard.noisy(results(server("nginx", cold=[900]))))

    def test_a_single_round_has_no_spread(self):
        self.assertEqual(0.0, guard.spread([41000]))

    def test_the_mark_names_the_spread_only_when_over_the_limit(self):
        self.assertEqual(" ⚠ rounds spread 22%", guard.mark(0.22))
        self.assertEqual("", guard.mark(0.15))
        # just over the limit must not read as the limit itself
        self.assertEqual(" ⚠ rounds spread 15.3%", guard.mark(0.153))


def figure(*rps):
    """A full median_round() figure, as the report's tables read it."""
    return {**rounds(*rps), "p50_ms": 1.0, "p99_ms": 5.0, "non2xx": 0, "socket_errors": {"read": 0}}


class ReportMarksNoisyRows(unittest.TestCase):

    def table(self, *servers):
        for s in servers:
            s.setdefault("label", s["name"])
        return report.load_table(report.Figures(results(*servers)), "pinned")

    def row(self, table, label, path):
        return next(line for line in table if line.startswith(f"| {label} | `{path}` |"))

    def test_the_row_whose_rounds_disagree_carries_the_spread_and_no_other(self):
        table = self.table(server("nginx", pinned={"plaintext": figure(50000, 50500, 51000)}),
                           server("java25", pinned={"plaintext": figure(40000, 41000, 50020)}))
        self.assertIn("| 41,000 ⚠ rounds spread 22% |", self.row(table, "java25", "/"))
        self.assertNotIn("⚠", self.row(table, "nginx", "/"))

    def test_the_checks_section_names_each_noisy_figure_or_says_all_agree(self):
        r = results(server("java25", quota={"json": rounds(16843, 30559, 35492)}))
        self.assertIn("java25, quota json req/s: 45%", "\n".join(report.self_checks(guard.noisy(r))))
        calm = results(server("java25", quota={"json": rounds(30000, 30559, 31000)}))
        self.assertIn("within ±15% of their median", "\n".join(report.self_checks(guard.noisy(calm))))


if __name__ == "__main__":
    unittest.main()
