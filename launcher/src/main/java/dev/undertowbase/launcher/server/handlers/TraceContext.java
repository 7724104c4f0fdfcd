package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.logging.TraceKeys;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.Map;

/**
 * The trace and span ids a request carries (README, Trace correlation): W3C {@code traceparent},
 * else Cloud Run's {@code X-Cloud-Trace-Context: TRACE/SPAN;o=1}, whose decimal span id is
 * written as 16 hex digits like traceparent's, so {@code span_id} has one form.
 *
 * @param traceId 32 lowercase hex digits, never all zero
 * @param spanId  16 lowercase hex digits, never all zero; null when the header gave none
 */
record TraceContext(String traceId, String spanId) {

    static final AttachmentKey<TraceContext> KEY = AttachmentKey.create(TraceContext.class);

    static final HttpString TRACEPARENT = new HttpString("traceparent");
    static final HttpString CLOUD_TRACE_CONTEXT = new HttpString("X-Cloud-Trace-Context");

    /** The request's ids; null when it carries neither header in a valid form. */
    static TraceContext of(HeaderMap headers) {
        HeaderValues traceparent = headers.get(TRACEPARENT);
        // two traceparent lines contradict each other: W3C says to ignore both
        TraceContext trace = traceparent != null && traceparent.size() == 1 ? traceparent(traceparent.getFirst()) : null;
        if (trace == null) {
            String cloud = headers.getFirst(CLOUD_TRACE_CONTEXT);
            trace = cloud == null ? null : cloudTraceContext(cloud);
        }
        return trace;
    }

    /** {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}; a later version may append fields. */
    static TraceContext traceparent(String value) {
        String text = value.trim();
        if (text.length() < 55 || text.charAt(2) != '-' || text.charAt(35) != '-' || text.charAt(52) != '-'
            || !hex(text, 0, 2) || !hex(text, 53, 55)) {
            return null;
        }
        String version = text.substring(0, 2);
        if (version.equals("ff") || (version.equals("00") ? text.length() != 55 : text.length() > 55 && text.charAt(55) != '-')) {
            return null;
        }
        String traceId = text.substring(3, 35);
        String spanId = text.substring(36, 52);
        if (!hex(traceId, 0, 32) || !hex(spanId, 0, 16) || zero(traceId) || zero(spanId)) {
            return null;
        }
        return new TraceContext(traceId, spanId);
    }

    /** {@code <32 hex trace id>[/<decimal span id>][;o=<options>]}; a bad span id leaves only the trace id. */
    static TraceContext cloudTraceContext(String value) {
        String text = value.trim();
        int semicolon = text.indexOf(';');
        if (semicolon >= 0) {
            text = text.substring(0, semicolon);
        }
        int slash = text.indexOf('/');
        String traceId = (slash < 0 ? text : text.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
        if (traceId.length() != 32 || !hex(traceId, 0, 32) || zero(traceId)) {
            return null;
        }
        String spanId = null;
        if (slash >= 0) {
            String span = text.substring(slash + 1);
            if (!span.isEmpty() && span.length() <= 20 && span.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    long id = Long.parseUnsignedLong(span);
                    String hex = Long.toHexString(id);
                    spanId = id == 0 ? null : "0".repeat(16 - hex.length()) + hex;
                } catch (NumberFormatException e) {
                    // above 2^64 - 1: no span id
                }
            }
        }
        return new TraceContext(traceId, spanId);
    }

    /** The MDC entries: trace_id, and span_id when known. */
    Map<String, String> mdc() {
        return spanId == null
            ? Map.of(TraceKeys.TRACE_ID, traceId)
            : Map.of(TraceKeys.TRACE_ID, traceId, TraceKeys.SPAN_ID, spanId);
    }

    /** Lowercase hex digits only (W3C: uppercase is invalid). */
    private static boolean hex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zero(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
