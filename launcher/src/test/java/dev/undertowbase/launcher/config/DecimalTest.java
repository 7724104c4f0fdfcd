package dev.undertowbase.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The numbers settings accept are BigDecimal's syntax, read exactly. */
class DecimalTest {

    @ParameterizedTest(name = "{0} = {1} × 10^-{2}")
    @CsvSource({
        "1, 1, 0",
        "2.0, 2, 0",
        "0.29, 29, 2",
        "-0.50, -5, 1",
        "+7, 7, 0",
        ".5, 5, 1",
        "3., 3, 0",
        "1e3, 1, -3",
        "1200, 12, -2",
        "2.5E-2, 25, 3",
        "000, 0, 0",
        "-0.0, 0, 0",
        "123456789012345678, 123456789012345678, 0",
    })
    void parsesExactly(String text, long unscaled, int scale) {
        assertEquals(new Decimal(unscaled, scale), Decimal.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", ".", "-", "1.2.3", "1e", "e3", "0x10", "1,5", " 1", "1_000", "∞"})
    void rejectsWhatIsNotANumber(String text) {
        assertNull(Decimal.parse(text));
    }

    @Test
    void refusesMoreThanEighteenSignificantDigits() {
        assertThrows(ArithmeticException.class, () -> Decimal.parse("1234567890123456789"));
        assertEquals(new Decimal(1, -20), Decimal.parse("100000000000000000000"));
    }

    @Test
    void wholeNumbersConvertExactly() {
        assertTrue(Decimal.parse("2.000").isWhole());
        assertFalse(Decimal.parse("2.5").isWhole());
        assertEquals(1000, Decimal.parse("1e3").longValueExact());
        assertThrows(ArithmeticException.class, () -> Decimal.parse("1e19").longValueExact());
        assertThrows(ArithmeticException.class, () -> Decimal.parse("0.5").longValueExact());
    }

    @Test
    void secondsBecomeNanoseconds() {
        assertEquals(1_500_000_000L, Decimal.parse("1.5").secondsToNanos());
        assertEquals(1, Decimal.parse("0.000000001").secondsToNanos());
        assertEquals(30_000_000_000L, Decimal.parse("30").secondsToNanos());
        assertThrows(ArithmeticException.class, () -> Decimal.parse("1e10").secondsToNanos());
    }

    @ParameterizedTest(name = "floor({0} × {1}) = {2}")
    @CsvSource({
        "0.29, 100, 29",
        "0.5, 3, 1",
        "1, 4, 4",
        "1e-30, 1000, 0",
        "1e3, 2, 2000",
        "1e300, 2, 9223372036854775807",
        "9223372036854775, 10000, 9223372036854775807",
    })
    void floorsAProductExactly(String text, long factor, long floor) {
        assertEquals(floor, Decimal.parse(text).floorTimes(factor));
    }

    @Test
    void doubleValueIsTheNearestDouble() {
        assertEquals(0.29, Decimal.parse("0.29").doubleValue());
        assertEquals(1e-30, Decimal.parse("1e-30").doubleValue());
    }
}
