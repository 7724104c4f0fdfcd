package dev.undertowbase.launcher.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact decimal number, {@code unscaled × 10^-scale}, for the numeric settings. Not
 * {@link java.math.BigDecimal}: on JDK 25 its static initialiser computes 5^65536 and alone
 * cost about 40 ms of every start (measured with -Xlog:class+init in the java25-slim image).
 * The syntax is BigDecimal's: optional sign, digits with an optional point, optional exponent.
 */
public record Decimal(long unscaled, int scale) {

    private static final Pattern SYNTAX = Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d{1,9}))?");
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * The number written in {@code text}, trailing zeros dropped; null when it is not a number.
     *
     * @throws ArithmeticException when it has more than 18 significant digits
     */
    static Decimal parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String whole = m.group(2);
        String fraction = m.group(3) == null ? "" : m.group(3);
        if (whole.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        String digits = (whole + fraction).replaceFirst("^0+", "");
        long exponent = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        long scale = fraction.length() - exponent;
        int zeros = 0;
        while (zeros < digits.length() && digits.charAt(digits.length() - 1 - zeros) == '0') {
            zeros++;
        }
        digits = digits.substring(0, digits.length() - zeros);
        if (digits.isEmpty()) {
            return new Decimal(0, 0);
        }
        scale -= zeros;
        if (digits.length() > 18 || scale != (int) scale) {
            throw new ArithmeticException("out of range");
        }
        long value = Long.parseLong(digits);
        return new Decimal(m.group(1).equals("-") ? -value : value, (int) scale);
    }

    int signum() {
        return Long.signum(unscaled);
    }

    boolean isWhole() {
        return scale <= 0;
    }

    /** @throws ArithmeticException when it is not whole or does not fit a long */
    long longValueExact() {
        if (!isWhole()) {
            throw new ArithmeticException("not whole");
        }
        return Math.multiplyExact(unscaled, powerOfTen(-scale));
    }

    double doubleValue() {
        return Double.parseDouble(unscaled + "E" + -scale);
    }

    /** For the JSON line: a whole number as an integer (1, not 1.0), any other as the nearest double. */
    Number toJsonNumber() {
        try {
            return longValueExact();
        } catch (ArithmeticException e) {
            return doubleValue();
        }
    }

    /** This many seconds in nanoseconds. @throws ArithmeticException when it does not fit a long */
    long secondsToNanos() {
        return new Decimal(unscaled, scale - 9).longValueExact();
    }

    /** floor(this × factor) for a non-negative factor, capped at {@code Long.MAX_VALUE}. */
    long floorTimes(long factor) {
        try {
            long product = Math.multiplyExact(unscaled, factor);
            if (scale <= 0) {
                return Math.multiplyExact(product, powerOfTen(-scale));
            }
            // |product| < 10^19, so beyond 18 places only the sign is left
            return scale < POWERS_OF_TEN.length ? Math.floorDiv(product, POWERS_OF_TEN[scale]) : (product < 0 ? -1 : 0);
        } catch (ArithmeticException e) {
            return signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long powerOfTen(int n) {
        if (n >= POWERS_OF_TEN.length) {
            throw new ArithmeticException("out of range");
        }
        return POWERS_OF_TEN[n];
    }
}
