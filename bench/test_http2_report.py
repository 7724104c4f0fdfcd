"""The HTTP/2 section of RESULTS.md (bench/report.py) from a made-up results/http2.json shaped as
bench/http2.py writes it: no Docker, no timing.

Run: python3 -m unittest discover -s bench -p 'test_*.py' (part of `make unit`).
"""
import json
import statistics
import tempfile
import unittest
from pathlib import Path
from unittest import mock

import guard
import report

OURS = "undertow-base:java25-slim"
BEFORE = "ub-before:java25-slim"  # BENCH_COMPARE's image: HTTP/1.1 only


def row(image, client, rps, cpu, failed=0, p99=None):
    """One of http2.py's rows, from its rounds' req/s and CPU µs per request."""
    r = {"image": image, "client": client,
         "rps_median": statistics.median(rps), "rps_rounds": list(rps),
         "cpu_us_per_request_median": statistics.median(cpu), "cpu_us_per_request_rounds": list(cpu),
         "failed": failed}
    if p99 is not None:  # wrk's rows only
        r["p99_ms_median"] = p99
    return r


def http2_json(*rows, load=0.31):
    return {"measured_at": "2026-11-22T06:10:05+00:00", "load_average_at_start": load,
            "settings": {"connections": 64, "duration_s": 4, "rounds": 3, "warmup_s": 10,
                         "server_cpu": "1", "client_cpu": "0"},
            "commands": {"wrk": "wrk -t1 -c64 -d4s --latency http://127.0.0.1:PORT/",
                         "h2load": "h2load -t1 -c64 -mN -D4 http://127.0.0.1:PORT/"},
            "rows": list(rows)}


def run_with(*, m10_rps=(59000, 60000, 61000), load=0.31):
    return http2_json(
        row(OURS, "HTTP/1.1 wrk", (39000, 40000, 41000), (24.0, 25.0, 26.0), p99=7.4),
        row(OURS, "h2c h2load -m1", (30000, 32000, 33000), (30.0, 31.0, 31.5)),
        row(OURS, "h2c h2load -m10", m10_rps, (14.8, 15.0, 15.3), failed=2),
        row(BEFORE, "HTTP/1.1 wrk", (20000, 20000, 20500), (50.0, 50.0, 51.0), p99=9.1),
        load=load)


def cells(table, image, client):
    line = next(line for line in table if line.startswith(f"| `{image}` | {client} |"))
    return [c.strip() for c in line.strip("|").split("|")]


class Http2Section(unittest.TestCase):

    def test_each_h2c_row_is_divided_by_the_same_images_http1_row_of_the_run(self):
        table = report.http2_table(run_with())
        self.assertEqual(["`undertow-base:java25-slim`", "h2c h2load -m10", "60,000", "—", "15.0",
                          "1.50×", "0.60×", "2"], cells(table, OURS, "h2c h2load -m10"))
        self.assertEqual(["0.80×", "1.24×"], cells(table, OURS, "h2c h2load -m1")[5:7])

    def test_an_http1_row_is_no_ratio_of_itself_nor_of_the_other_image(self):
        table = report.http2_table(run_with())
        self.assertEqual(["—", "—"], cells(table, OURS, "HTTP/1.1 wrk")[5:7])
        self.assertEqual(["20,000", "9.10", "50.0", "—", "—"], cells(table, BEFORE, "HTTP/1.1 wrk")[2:7])

    def test_p99_where_wrk_recorded_it_none_for_h2load(self):
        table = report.http2_table(run_with())
        self.assertEqual("7.40", cells(table, OURS, "HTTP/1.1 wrk")[3])
        self.assertEqual("—", cells(table, OURS, "h2c h2load -m1")[3])

    def test_the_section_says_when_it_was_measured_and_the_load_average_then(self):
        text = "\n".join(report.http2_table(run_with()))
        self.assertTrue(text.startswith("### HTTP/2 (bench/http2.py)\n"), text)
        self.assertIn("Measured 2026-11-22 06:10 UTC, load average then 0.3.", text)
        self.assertIn("`h2load -t1 -c64 -mN -D4 http://127.0.0.1:PORT/`", text)
        busy = "\n".join(report.http2_table(run_with(load=1.7)))
        self.assertIn("load average then 1.7 (a busy machine", busy)

    def test_a_row_whose_rounds_disagree_is_marked_and_named_by_the_run_checks(self):
        h2 = run_with(m10_rps=(40000, 60000, 61000))
        self.assertEqual("60,000 ⚠ rounds spread 33%",
                         cells(report.http2_table(h2), OURS, "h2c h2load -m10")[2])
        self.assertEqual([(OURS, "HTTP/2 run, h2c h2load -m10 req/s")],
                         [(s.server, s.where) for s in guard.noisy({}, h2)])
        self.assertEqual([], guard.noisy({}, run_with()))

    def test_cpu_per_request_rounds_are_checked_too(self):
        h2 = http2_json(row(OURS, "h2c h2load -m1", (32000, 32000, 32000), (20.0, 31.0, 31.5)))
        self.assertEqual("31.0 ⚠ rounds spread 35%", cells(report.http2_table(h2), OURS, "h2c h2load -m1")[4])
        self.assertEqual(["HTTP/2 run, h2c h2load -m1 CPU per request"], [s.where for s in guard.noisy({}, h2)])

    def test_without_http2_json_there_is_no_section(self):
        self.assertEqual([], report.http2_table(None))
        self.assertEqual([], guard.noisy({}, None))


class Http2Json(unittest.TestCase):

    def test_http2_json_is_read_for_its_section_and_is_no_server_row(self):
        with tempfile.TemporaryDirectory() as tmp:
            results = Path(tmp)
            (results / "java25-slim.json").write_text(json.dumps({"name": "java25-slim", "load": {}}))
            (results / "machine.json").write_text(json.dumps({"cpus": 2}))
            (results / "http2.json").write_text(json.dumps(run_with(), indent=2) + "\n")
            with mock.patch.object(report, "RESULTS", results):
                servers, resources, _ = report.load_results()
                self.assertEqual(["java25-slim"], list(servers))
                self.assertEqual({}, resources)
                self.assertEqual(run_with(), report.load_http2())
        with tempfile.TemporaryDirectory() as tmp, mock.patch.object(report, "RESULTS", Path(tmp)):
            self.assertIsNone(report.load_http2())


if __name__ == "__main__":
    unittest.main()
