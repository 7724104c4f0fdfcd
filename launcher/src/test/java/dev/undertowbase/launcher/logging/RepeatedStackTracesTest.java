package dev.undertowbase.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** README, What it prints: repeated stack traces from one throw site are shown a few times, then counted. */
class RepeatedStackTracesTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appended = new ListAppender<>();
    private final RepeatedStackTraces filter = new RepeatedStackTraces(60_000);
    private final Logger log = context.getLogger("io.undertow.request");

    @BeforeEach
    void setUp() {
        appended.setContext(context);
        appended.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appended);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
    }

    @AfterEach
    void tearDown() {
        context.stop();
    }

    /** One throw site: the same line of code, as every request to a throwing handler has. */
    private static Exception thrownHere(String message) {
        return new IllegalStateException(message);
    }

    @Test
    void aThrowSiteIsShownInFullAFewTimesThenCountedOncePerInterval() {
        for (int i = 0; i < 1000; i++) {
            log.error("UT005071: Undertow request failed " + i, thrownHere("boom " + i));
        }
        assertEquals(RepeatedStackTraces.IN_FULL, appended.list.size());

        filter.summarize();

        List<ILoggingEvent> events = appended.list;
        ILoggingEvent summary = events.get(events.size() - 1);
        assertEquals(RepeatedStackTraces.IN_FULL + 1, events.size());
        assertTrue(summary.getFormattedMessage().startsWith("995 more stack traces like the one above (java.lang."
            + "IllegalStateException at dev.undertowbase.launcher.logging.RepeatedStackTracesTest.thrownHere("),
            summary.getFormattedMessage());
        assertEquals(null, summary.getThrowableProxy(), "the count line has no trace of its own");
        assertEquals("io.undertow.request", summary.getLoggerName());
    }

    @Test
    void whileTheSiteKeepsThrowingItIsNotShownInFullAgain() {
        for (int i = 0; i < 10; i++) {
            log.error("failed", thrownHere("boom"));
        }
        filter.summarize();
        for (int i = 0; i < 10; i++) {
            log.error("failed", thrownHere("boom"));
        }
        filter.summarize();

        long full = appended.list.stream().filter(e -> e.getThrowableProxy() != null).count();
        assertEquals(RepeatedStackTraces.IN_FULL, full);
        assertEquals(List.of("5 more", "10 more"), appended.list.stream().filter(e -> e.getThrowableProxy() == null)
            .map(e -> e.getFormattedMessage().substring(0, e.getFormattedMessage().indexOf(" stack"))).toList());
    }

    @Test
    void aSiteQuietForAWholeIntervalStartsOver() {
        for (int i = 0; i < 10; i++) {
            log.error("failed", thrownHere("boom"));
        }
        filter.summarize();
        filter.summarize();
        log.error("failed again", thrownHere("boom"));

        assertEquals("failed again", appended.list.get(appended.list.size() - 1).getFormattedMessage());
        assertTrue(appended.list.get(appended.list.size() - 1).getThrowableProxy() != null);
    }

    @Test
    void otherThrowSitesAndPlainLinesAreNotHeldBack() {
        for (int i = 0; i < 10; i++) {
            log.error("failed", thrownHere("boom"));
        }
        log.error("elsewhere", new IllegalArgumentException("other"));
        for (int i = 0; i < 10; i++) {
            log.info("a line without a trace {}", i);
        }
        assertEquals(RepeatedStackTraces.IN_FULL + 1 + 10, appended.list.size());
    }

    @Test
    void theSiteIsTheRootCause() {
        Exception wrapped = new RuntimeException("wrapper", thrownHere("cause"));
        assertTrue(RepeatedStackTraces.throwSite(wrapped).startsWith(
            "java.lang.IllegalStateException at dev.undertowbase.launcher.logging.RepeatedStackTracesTest.thrownHere("),
            RepeatedStackTraces.throwSite(wrapped));
    }
}
