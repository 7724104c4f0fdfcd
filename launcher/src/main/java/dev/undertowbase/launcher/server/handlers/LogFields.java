package dev.undertowbase.launcher.server.handlers;

import io.undertow.attribute.ConstantExchangeAttribute;
import io.undertow.attribute.ExchangeAttribute;
import io.undertow.attribute.ReadOnlyAttributeException;
import io.undertow.attribute.ResponseCodeAttribute;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The fields of an access line in an Undertow pattern (README, What it prints): every value the
 * client controls is escaped as nginx escapes its log variables, so a quote in a User-Agent cannot
 * end the quoted field and forge the rest of the line; and the status is the one sent.
 */
final class LogFields {

    /** The status nginx logs for a request whose client went away before the response was complete. */
    static final int CLIENT_GONE = 499;

    private LogFields() {
    }

    /** An {@code ExchangeAttributeWrapper}: the pattern's literal text stays as written. */
    static ExchangeAttribute wrap(ExchangeAttribute attribute) {
        if (attribute instanceof ConstantExchangeAttribute) {
            return attribute;
        }
        if (attribute instanceof ResponseCodeAttribute) {
            return new ReadOnly(exchange -> Integer.toString(sentStatus(exchange)));
        }
        return new ReadOnly(exchange -> escape(attribute.readAttribute(exchange)));
    }

    /**
     * The handler's status if the response went out; if the connection closed before the exchange
     * was complete (a reset, an aborted body), why the server stopped it (400, 408, 413, 503) or
     * {@link #CLIENT_GONE}: a request that never got its response is not logged as answered.
     */
    static int sentStatus(HttpServerExchange exchange) {
        if (exchange.getConnection().isOpen()) {
            return exchange.getStatusCode();
        }
        Integer aborted = exchange.getAttachment(RequestBodies.ABORT_STATUS);
        return aborted != null ? aborted : CLIENT_GONE;
    }

    /** {@code "}, {@code \}, control characters and non-ASCII bytes (UTF-8) as {@code \xHH}, as nginx does. */
    static String escape(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (needsEscape(value.charAt(i))) {
                return escapeFrom(value, i);
            }
        }
        return value;
    }

    private static boolean needsEscape(char c) {
        return c == '"' || c == '\\' || c < 0x20 || c >= 0x7f;
    }

    private static String escapeFrom(String value, int first) {
        StringBuilder escaped = new StringBuilder(value.length() + 16).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!needsEscape(c)) {
                escaped.append(c);
            } else if (c < 0x100) {
                // Undertow keeps header bytes as ISO-8859-1 characters: each is one byte on the wire
                hex(escaped, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
                for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    hex(escaped, b & 0xff);
                }
                i = end - 1;
            }
        }
        return escaped.toString();
    }

    private static void hex(StringBuilder out, int b) {
        out.append("\\x").append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }

    private record ReadOnly(Function<HttpServerExchange, String> reader) implements ExchangeAttribute {

        @Override
        public String readAttribute(HttpServerExchange exchange) {
            return reader.apply(exchange);
        }

        @Override
        public void writeAttribute(HttpServerExchange exchange, String newValue) throws ReadOnlyAttributeException {
            throw new ReadOnlyAttributeException();
        }
    }
}
