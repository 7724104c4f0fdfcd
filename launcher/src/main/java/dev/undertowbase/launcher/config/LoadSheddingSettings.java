package dev.undertowbase.launcher.config;

/**
 * README, Load shedding: LIMIT_CONCURRENCY.
 *
 * @param limitConcurrency requests in flight at most, null for no limit
 */
public record LoadSheddingSettings(Integer limitConcurrency) {

    static LoadSheddingSettings read(Settings s) {
        return new LoadSheddingSettings(s.optionalCount("limit-concurrency"));
    }

    public boolean on() {
        return limitConcurrency != null;
    }
}
