"""The harness's reading of the launcher's own start-up time (measure.jvm_listening_ms)."""
import unittest

import measure


class ListeningLine(unittest.TestCase):

    def test_the_launchers_own_uptime_at_listening_in_ms(self):
        logs = ("{\"app_module\":\"app.Main:app\"}\n2026-11-30T08:25:49.587Z INFO  [main] "
                "dev.undertowbase.launcher.server.Server - Listening on http://0.0.0.0:18080 (2 IO threads, "
                "a virtual thread per blocking task on 2 carriers), 0.154 s after the JVM started\n")
        self.assertEqual(154.0, measure.jvm_listening_ms(logs))

    def test_a_server_without_that_line_has_none(self):
        self.assertIsNone(measure.jvm_listening_ms("nginx: ready\n"))


if __name__ == "__main__":
    unittest.main()
