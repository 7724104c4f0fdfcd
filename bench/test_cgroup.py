"""The harness's reading of a container's CPU time (measure.cpu_ns), both cgroup versions."""
import tempfile
import unittest
from pathlib import Path

import measure


class CpuTime(unittest.TestCase):

    def read(self, name, text):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            path.write_text(text)
            return measure.cpu_ns(path)

    def test_cgroup_v1_counts_nanoseconds(self):
        self.assertEqual(123456789, self.read("cpuacct.usage", "123456789\n"))

    def test_cgroup_v2_counts_microseconds_in_cpu_stat(self):
        stat = "usage_usec 4500\nuser_usec 4000\nsystem_usec 500\nnr_periods 0\n"
        self.assertEqual(4_500_000, self.read("cpu.stat", stat))


if __name__ == "__main__":
    unittest.main()
