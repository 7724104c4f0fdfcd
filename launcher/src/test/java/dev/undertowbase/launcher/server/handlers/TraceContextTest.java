package dev.undertowbase.launcher.server.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.undertow.util.HeaderMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** README, Trace correlation: which headers give trace ids, and in what form. */
class TraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @ParameterizedTest
    @ValueSource(strings = {
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ",
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes-later",
    })
    void traceparentGivesBothIds(String header) {
        assertEquals(new TraceContext(TRACE, "00f067aa0ba902b7"), TraceContext.traceparent(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
        "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
        "garbage",
    })
    void invalidTraceparentGivesNothing(String header) {
        assertNull(TraceContext.traceparent(header));
    }

    @ParameterizedTest(name = "X-Cloud-Trace-Context: {0}")
    @CsvSource(delimiter = '|', textBlock = """
        4bf92f3577b34da6a3ce929d0e0e4736/1;o=1                     | 0000000000000001
        4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551615;o=0  | ffffffffffffffff
        4BF92F3577B34DA6A3CE929D0E0E4736/255                       | 00000000000000ff
        4bf92f3577b34da6a3ce929d0e0e4736                           |
        4bf92f3577b34da6a3ce929d0e0e4736/0;o=1                     |
        4bf92f3577b34da6a3ce929d0e0e4736/18446744073709551616      |
        4bf92f3577b34da6a3ce929d0e0e4736/abc                       |
        """)
    void cloudTraceContextSpanIdIsWrittenInHex(String header, String spanId) {
        assertEquals(new TraceContext(TRACE, spanId), TraceContext.cloudTraceContext(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/1;o=1", "00000000000000000000000000000000/1", "4bf92f35/1", "xyz"})
    void invalidCloudTraceContextGivesNothing(String header) {
        assertNull(TraceContext.cloudTraceContext(header));
    }

    @Test
    void traceparentWinsOverCloudTraceContext() {
        HeaderMap headers = new HeaderMap();
        headers.add(TraceContext.CLOUD_TRACE_CONTEXT, "11111111111111111111111111111111/1;o=1");
        headers.add(TraceContext.TRACEPARENT, "00-" + TRACE + "-00f067aa0ba902b7-01");

        assertEquals(TRACE, TraceContext.of(headers).traceId());
    }

    @Test
    void twoTraceparentLinesAreIgnoredForCloudTraceContext() {
        HeaderMap headers = new HeaderMap();
        headers.add(TraceContext.TRACEPARENT, "00-" + TRACE + "-00f067aa0ba902b7-01");
        headers.add(TraceContext.TRACEPARENT, "00-22222222222222222222222222222222-00f067aa0ba902b7-01");
        headers.add(TraceContext.CLOUD_TRACE_CONTEXT, "11111111111111111111111111111111/1;o=1");

        assertEquals("11111111111111111111111111111111", TraceContext.of(headers).traceId());
    }
}
