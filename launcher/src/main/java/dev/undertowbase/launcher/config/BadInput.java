package dev.undertowbase.launcher.config;

/**
 * Input the user can fix: the message is the one line printed after {@code error: }, naming the
 * variable, key or file. The launcher exits with status 2 and no stack trace.
 */
public final class BadInput extends RuntimeException {

    public BadInput(String message) {
        super(oneLine(message), null, false, false);
    }

    private static String oneLine(String message) {
        return message.replace("\r", "").replace('\n', ' ');
    }
}
