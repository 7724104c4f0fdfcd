package dev.undertowbase.launcher.logging;

/**
 * The MDC keys of a traced request (README, Trace correlation), and the Cloud Logging fields JSON
 * lines derive from them. Constants only, so naming them loads nothing.
 */
public final class TraceKeys {

    /** 32 lowercase hex digits. */
    public static final String TRACE_ID = "trace_id";
    /** 16 lowercase hex digits. */
    public static final String SPAN_ID = "span_id";

    /** {@code projects/<project>/traces/<trace id>}, when GOOGLE_CLOUD_PROJECT is set. */
    static final String CLOUD_TRACE = "logging.googleapis.com/trace";
    /** The span id again, under the name Cloud Logging files it by. */
    static final String CLOUD_SPAN_ID = "logging.googleapis.com/spanId";

    private TraceKeys() {
    }
}
