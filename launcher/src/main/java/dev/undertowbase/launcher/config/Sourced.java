package dev.undertowbase.launcher.config;

/**
 * A setting's value with where it came from, so a problem found after reading (a port in use, a
 * log file that cannot be written, too many threads) names the place the user must change.
 *
 * @param source "PORT", "/app/server.conf:3: server.port" or "SERVER_ARGS: server.port"
 */
public record Sourced<T>(T value, String source) {

    /** The one-line error "SOURCE: problem". */
    public BadInput bad(String problem) {
        return new BadInput(source + ": " + problem);
    }
}
