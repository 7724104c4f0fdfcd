package dev.undertowbase.launcher.config;

/**
 * README, Request limits: MAX_HEADER_SIZE, MAX_HEADERS and MAX_BODY_SIZE.
 *
 * @param maxHeaderSize bytes of request line plus headers
 * @param maxHeaders    header fields per request
 * @param maxBodySize   bytes of one body; null when unset (derived from the heap), 0 for no limit
 */
public record LimitSettings(int maxHeaderSize, int maxHeaders, Long maxBodySize) {

    /** The largest MAX_HEADER_SIZE: Undertow's own default limit is 1 MiB. */
    static final int HEADER_SIZE_CEILING = 64 << 20;
    /** The body limit derived from the heap is never below this. */
    static final long MIN_DERIVED_BODY_LIMIT = 1 << 20;

    static LimitSettings read(Settings s) {
        int headerSize = (int) s.bytes("max-header-size", HEADER_SIZE_CEILING, "64m");
        return new LimitSettings(headerSize, s.count("max-headers"), s.optionalBytes("max-body-size"));
    }

    /**
     * The limit of one request body for a heap of {@code heapBytes}: MAX_BODY_SIZE, or a 16th of
     * the heap (at least 1 MiB) when it is unset; -1 when MAX_BODY_SIZE is 0 (no limit).
     */
    public long bodyLimit(long heapBytes) {
        if (maxBodySize == null) {
            return Math.max(MIN_DERIVED_BODY_LIMIT, heapBytes / 16);
        }
        return maxBodySize == 0 ? -1 : maxBodySize;
    }

    /**
     * What the bodies in progress may hold together: an 8th of the heap, never less than one
     * body's limit; -1 when there is no body limit. A handler that buffers a body (Undertow's
     * receiveFullBytes allocates the declared length at once) holds about this much.
     */
    public long bodyBudget(long heapBytes) {
        long limit = bodyLimit(heapBytes);
        return limit < 0 ? -1 : Math.max(limit, heapBytes / 8);
    }
}
