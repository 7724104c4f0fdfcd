package dev.undertowbase.launcher.server.handlers;

import dev.undertowbase.launcher.config.Sourced;
import io.undertow.attribute.ExchangeAttributeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Checks an ACCESS_LOG_FORMAT pattern before the access log uses it. Undertow itself writes an
 * unknown {@code %X} as literal text after logging an error for it, and fails with a stack trace
 * on an unclosed {@code %{}: here either is one {@code error:} line naming the variable.
 */
final class AccessLogFormat {

    /** The names Undertow's AccessLogHandler expands to patterns. */
    private static final Set<String> NAMED = Set.of("common", "commonv", "combined", "commonobf", "combinedobf");

    private AccessLogFormat() {
    }

    static void check(Sourced<String> format) {
        String pattern = format.value();
        if (pattern.isBlank()) {
            throw format.bad("is empty (ACCESS_LOG= switches the access log off)");
        }
        if (NAMED.contains(pattern)) {
            return;
        }
        List<ExchangeAttributeBuilder> builders = new ArrayList<>();
        ServiceLoader.load(ExchangeAttributeBuilder.class, AccessLogFormat.class.getClassLoader()).forEach(builders::add);
        for (String token : tokens(format)) {
            if (builders.stream().noneMatch(builder -> builder.build(token) != null)) {
                throw format.bad("\"" + pattern + "\": unknown attribute " + token
                    + " (a literal percent sign is %%)");
            }
        }
    }

    /** The {@code %x} and {@code %{...}} tokens of a pattern, split as Undertow's ExchangeAttributeParser does. */
    private static List<String> tokens(Sourced<String> format) {
        String pattern = format.value();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) != '%') {
                continue;
            }
            if (i + 1 >= pattern.length()) {
                throw format.bad("\"" + pattern + "\" ends with a lone % (a literal percent sign is %%)");
            }
            char next = pattern.charAt(i + 1);
            if (next == '%') {
                i++;
            } else if (next != '{') {
                tokens.add(pattern.substring(i, i + 2));
                i++;
            } else {
                int end = closingBrace(pattern, i + 1);
                if (end < 0) {
                    throw format.bad("\"" + pattern + "\" has a %{ without its closing }");
                }
                tokens.add(pattern.substring(i, end + 1));
                i = end;
            }
        }
        return tokens;
    }

    /** The index of the brace closing the one at {@code open}, nested braces counted; -1 when there is none. */
    private static int closingBrace(String pattern, int open) {
        int depth = 0;
        for (int i = open; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
