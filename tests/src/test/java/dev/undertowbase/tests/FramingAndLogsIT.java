package dev.undertowbase.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.undertowbase.launcher.testing.Poll;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * README, Request limits and What it prints, against the findings of an adversarial run: smuggling
 * vectors are answered 400 and what hides behind them is never served; the access log says what
 * was sent and cannot be forged; a handler that throws under load cannot flood the log.
 */
@EveryTag
class FramingAndLogsIT {

    private static final String HIDDEN = "GET /hidden HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Parameter
    String tag;

    private Server start() {
        return ImageRun.of(tag).app(TestApps.jarApp(TestApps.BODIES)).start();
    }

    private static String chunked(String head) {
        return "POST /stream HTTP/1.1\r\nHost: localhost\r\n" + head + "\r\n\r\n";
    }

    /** Finding: each of these had the body decoded as chunked and the hidden request answered 200. */
    @Test
    void smugglingVectorsGet400AndTheHiddenRequestIsNeverServed() {
        Map<String, String> vectors = Map.of(
            "xchunked", chunked("Transfer-Encoding: xchunked") + "5\r\nhello\r\n0\r\n\r\n",
            "notchunked", chunked("Transfer-Encoding: notchunked") + "5\r\nhello\r\n0\r\n\r\n",
            "chunked, identity", chunked("Transfer-Encoding: chunked, identity") + "5\r\nhello\r\n0\r\n\r\n",
            "folded", chunked("Transfer-Encoding:\r\n chunked") + "5\r\nhello\r\n0\r\n\r\n",
            "bare LF", chunked("Transfer-Encoding: chunked") + "5\nhello\n0\n\n");
        try (Server server = start()) {
            vectors.forEach((name, request) -> {
                try (RawHttp client = RawHttp.connect(server)) {
                    String answer = client.send(request + HIDDEN).readUntilClosed();
                    assertEquals(List.of(400), RawHttp.statuses(answer), name + ": " + answer);
                }
            });
            Poll.until(Duration.ofSeconds(10), () -> "five access lines; " + server.logs(),
                () -> Output.accessLines(server.stdout(), "POST /stream HTTP/1.1") == 5);
            assertEquals(0, Output.accessLines(server.stdout(), "GET /hidden HTTP/1.1"), server::logs);
        }
    }

    /** Finding: a malformed chunk size got no response and the access line said 200. */
    @Test
    void theAccessLogSaysWhatWasSent() {
        try (Server server = start()) {
            try (RawHttp client = RawHttp.connect(server)) {
                String answer = client.send(chunked("Transfer-Encoding: chunked") + "zz\r\nhello\r\n0\r\n\r\n").readUntilClosed();
                assertEquals(List.of(400), RawHttp.statuses(answer), answer);
            }
            server.awaitStdout("\"POST /stream HTTP/1.1\" 400 ");

            // a client that goes away half way through its body never got an answer
            try (RawHttp client = RawHttp.connect(server)) {
                client.send("POST /full HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nhalf");
                server.get("/");
            }
            server.awaitStdout("\"POST /full HTTP/1.1\" 499 ");
            assertFalse(server.stdout().contains("\"POST /full HTTP/1.1\" 200"), server::logs);
        }
    }

    /** Finding: a " in the User-Agent or Referer was written raw, forging a client address. */
    @Test
    void quotesInRequestHeadersCannotForgeTheAccessLine() throws Exception {
        try (Server server = start()) {
            HttpClient client = HttpClient.newHttpClient();
            client.send(HttpRequest.newBuilder(server.uri("/forged"))
                .header("User-Agent", "curl\" 6.6.6.6 \"x").header("Referer", "http://a/\"b").build(),
                HttpResponse.BodyHandlers.discarding());
            server.awaitStdout("GET /forged");
            String line = server.stdout().lines().filter(l -> l.contains("GET /forged")).findFirst().orElseThrow();
            assertTrue(line.endsWith("\"http://a/\\x22b\" \"curl\\x22 6.6.6.6 \\x22x\""), line);
        }
    }

    /** Finding: a handler that throws under load printed 435,696 stderr lines in 5 s. */
    @Test
    void aHandlerThatThrowsOnEveryRequestCannotFloodTheLog() throws Exception {
        try (Server server = start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest boom = HttpRequest.newBuilder(server.uri("/boom")).build();
            for (int i = 0; i < 1000; i++) {
                assertEquals(500, client.send(boom, HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            // one line per 10 s says how many more there were
            Poll.until(Duration.ofSeconds(30), () -> "count lines adding up to 995; " + server.logs(),
                () -> suppressed(server.stderr()) == 995);
            String stderr = server.stderr();
            assertEquals(5, Output.count(stderr, "UT005071"), "five traces in full");
            assertTrue(stderr.lines().count() < 200, () -> "a bounded log: " + stderr.lines().count() + " lines");
        }
    }

    /** The traces the count lines say were not shown. */
    private static int suppressed(String stderr) {
        return COUNT_LINE.matcher(stderr).results().mapToInt(m -> Integer.parseInt(m.group(1))).sum();
    }

    private static final Pattern COUNT_LINE =
        Pattern.compile("(\\d+) more stack traces? like the one above \\(java.lang.IllegalStateException");
}
