"""The cold start table's floor rows (report.cold_table): plain Undertow and the JVM alone on
java25-slim's runtime, measured for their cold start only."""
import unittest

import report


def result(label, cold_ms):
    return {"label": label, "cold_start_ms": cold_ms}


def cold_rows(results):
    return [line for line in report.cold_table(report.Figures(results)) if line.startswith("| ")][1:]


class ColdFloors(unittest.TestCase):

    def test_the_floors_follow_our_rows_with_their_ratio_to_the_seed(self):
        rows = cold_rows({"seed": result("seed", [320, 322, 324]),
                          "java25-slim": result("undertow-base:java25-slim", [330, 340, 350]),
                          "undertow-cached": result("plain Undertow, cached", [270, 280, 290]),
                          "jvm-alone": result("the JVM alone", [170, 176, 180])})
        self.assertEqual(["seed", "undertow-base:java25-slim", "plain Undertow, cached", "the JVM alone"],
                         [row.split(" | ")[0][2:] for row in rows])
        self.assertIn("| 0.55× |", rows[-1])  # 176 ms against the seed's 322

    def test_a_run_without_the_floors_has_no_floor_rows(self):
        rows = cold_rows({"seed": result("seed", [320]), "java25-slim": result("ours", [330])})
        self.assertEqual(2, len(rows))


if __name__ == "__main__":
    unittest.main()
