package dev.undertowbase.tests;

import java.util.List;

/** Reading what start.sh and the launcher print. */
final class Output {

    static final String LAUNCHER_JAR = "/opt/launcher/launcher.jar";

    private Output() {
    }

    /** The java command line start.sh prints before exec'ing it. */
    static String javaCommand(String output) {
        List<String> lines = output.lines().filter(Output::isJavaCommand).toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected start.sh to print the java command line once; output was:\n" + output);
        }
        return lines.get(0);
    }

    private static boolean isJavaCommand(String line) {
        return line.contains("-jar " + LAUNCHER_JAR) && !line.strip().startsWith("{");
    }

    static int count(String text, String fragment) {
        int count = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + fragment.length())) {
            count++;
        }
        return count;
    }

    /** Lines of an access log in combined format for one request line, e.g. "GET /x HTTP/1.1". */
    static long accessLines(String text, String requestLine) {
        return text.lines().filter(line -> line.contains("\"" + requestLine + "\"")).count();
    }
}
