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


def ratios(**by_server):
    """reference-ratios.json's ratios, one route: ratios(seed=0.31) → {"seed": {pinned: {plaintext}}}."""
    return {name: {"pinned": {"plaintext": r}} for name, r in by_server.items()}


class RatioDrift(unittest.TestCase):

    def test_ratios_are_req_s_over_nginx_in_the_same_mode_and_route(self):
        r = results(server("nginx", pinned={"plaintext": rounds(50000, 50000, 50000),
                                            "json": rounds(40000, 40000, 40000)}),
                    server("seed", pinned={"plaintext": rounds(6000, 6000, 6000),
                                           "json": rounds(6000, 6000, 6000)},
                           quota={"plaintext": rounds(9000, 9000, 9000)}))
        # no quota row for nginx: nothing to divide by, so no quota ratio
        self.assertEqual({"seed": {"pinned": {"plaintext": 0.12, "json": 0.15}}},
                         guard.ratios(r, ["seed", "java25"]))

    def test_a_ratio_that_moved_more_than_25_percent_is_named_with_both_values(self):
        found = guard.drifts(ratios(seed=0.31, java25=0.77), ratios(seed=0.07, java25=0.75))
        self.assertEqual([("seed", "pinned", "plaintext")],
                         [(d.server, d.mode, d.route) for d in found])
        self.assertIn("this run disagrees with the committed one: seed/nginx 0.31 → 0.07",
                      found[0].warning())
        self.assertTrue(found[0].warning().startswith("WARNING: "))

    def test_ratios_within_25_percent_of_the_committed_run_pass(self):
        self.assertEqual([], guard.drifts(ratios(seed=0.125, java25=0.77),
                                          ratios(seed=0.150, java25=0.60)))

    def test_a_rise_counts_as_a_drift_too(self):
        self.assertEqual(["java25"], [d.server for d in guard.drifts(ratios(java25=0.63),
                                                                     ratios(java25=0.86))])

    def test_a_server_the_committed_run_lacks_is_not_compared(self):
        self.assertEqual([], guard.drifts(ratios(seed=0.13), ratios(seed=0.13, java25=0.2)))


class Strict(unittest.TestCase):

    def test_warnings_exit_0_unless_bench_strict_is_1_then_3(self):
        warning = guard.Drift("seed", "pinned", "plaintext", 0.31, 0.07)
        for env, warnings, status in (({}, [warning], 0), ({"BENCH_STRICT": "0"}, [warning], 0),
                                      ({"BENCH_STRICT": "1"}, [warning], 3),
                                      ({"BENCH_STRICT": "1"}, [], 0)):
            with self.subTest(env=env, warnings=len(warnings)):
                self.assertEqual(status, guard.exit_status(warnings, guard.strict(env)))

    def test_a_bad_bench_strict_names_the_variable_and_its_value(self):
        with self.assertRaisesRegex(ValueError, '^BENCH_STRICT: "yes" is not 0 or 1$'):
            guard.strict({"BENCH_STRICT": "yes"})


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

    def test_the_checks_section_carries_each_drift_line(self):
        drifts = guard.drifts(ratios(seed=0.31), ratios(seed=0.07))
        section = "\n".join(report.self_checks([], drifts, "committed"))
        self.assertIn("- ⚠ this run disagrees with the committed one: seed/nginx 0.31 → 0.07", section)
        self.assertIn("re-run before quoting it", section)


if __name__ == "__main__":
    unittest.main()
