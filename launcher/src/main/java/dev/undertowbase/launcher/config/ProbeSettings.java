package dev.undertowbase.launcher.config;

/**
 * The probes (README, Probes and health checks: LIVENESS_PATH, READINESS_PATH, READY_CHECK, ACCESS_LOG_PROBES).
 *
 * @param liveness      the liveness path, "" when off
 * @param readiness     the readiness path, "" when off
 * @param readyCheck    READY_CHECK as "Class:member", a null value when unset (the app's own
 *                      {@code ready} member is then looked for); its source names it in errors
 * @param accessLogged  whether probe requests reach the access log
 */
public record ProbeSettings(String liveness, String readiness, Sourced<String> readyCheck, boolean accessLogged) {

    static ProbeSettings read(Settings s) {
        String liveness = path(s, "liveness-path");
        String readiness = path(s, "readiness-path");
        if (!liveness.isEmpty() && liveness.equals(readiness)) {
            throw s.bad("readiness-path", readiness, "is also LIVENESS_PATH; the two probes need two paths");
        }
        return new ProbeSettings(liveness, readiness, s.sourced("ready-check", s.optionalString("ready-check")),
            s.bool("access-log-probes"));
    }

    public boolean livenessOn() {
        return !liveness.isEmpty();
    }

    public boolean readinessOn() {
        return !readiness.isEmpty();
    }

    /** An absolute request path without query or blanks; "" when unset or empty (the probe is off). */
    private static String path(Settings s, String key) {
        String path = s.optionalString(key);
        if (path == null) {
            return "";
        }
        if (!path.startsWith("/")) {
            throw s.bad(key, path, "must start with / (e.g. /livez), or be empty to switch the probe off");
        }
        if (path.chars().anyMatch(c -> Character.isWhitespace(c) || c == '?' || c == '#')) {
            throw s.bad(key, path, "is not a plain path: no blanks, ? or #");
        }
        return path;
    }
}
