package dev.undertowbase.launcher.reload;

/** The sources do not compile; the message lists the errors as "file:line: error: message" lines. */
final class CompileFailed extends RuntimeException {

    CompileFailed(String errors) {
        super(errors, null, false, false);
    }
}
