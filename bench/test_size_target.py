"""The image-size target of RESULTS.md: one tag per Java version at most 0.9 × the seed's size
and 45 MB compressed (report.targets)."""
import unittest

import report

MB = 1_000_000


def size_cells(results):
    rows, _ = report.targets(report.Figures(results))
    return next(cells for text, cells in rows if text.startswith("image size"))


def size_row(ours_bytes, ours_gzip):
    results = {"seed": {"image_bytes": 120 * MB, "image_gzip_bytes": 44 * MB}}
    for name in report.OURS:
        results[name] = {"image_bytes": ours_bytes, "image_gzip_bytes": ours_gzip}
    return size_cells(results)


class SizeTarget(unittest.TestCase):

    def test_small_both_ways_passes_on_both_slim_tags(self):
        row = size_row(86 * MB, 41 * MB)
        self.assertEqual("0.72×, 41.0 MB compressed **pass**", row["java25-slim"])
        self.assertTrue(row["java21-slim"].endswith("**pass**"))

    def test_small_but_over_45_mb_compressed_misses(self):
        self.assertTrue(size_row(86 * MB, 46 * MB)["java25-slim"].endswith("**miss**"))

    def test_over_0_9_of_the_seed_misses_however_well_it_compresses(self):
        self.assertTrue(size_row(110 * MB, 30 * MB)["java25-slim"].endswith("**miss**"))

    def test_results_without_the_compressed_size_are_not_measured(self):
        row = size_cells({"seed": {"image_bytes": 120 * MB}, "java25-slim": {"image_bytes": 86 * MB}})
        self.assertEqual("not measured", row["java25-slim"])


if __name__ == "__main__":
    unittest.main()
