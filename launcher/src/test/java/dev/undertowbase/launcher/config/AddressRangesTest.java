package dev.undertowbase.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FORWARDED_ALLOW_IPS as README, Trusted proxies writes it: addresses, CIDR ranges, "*". */
class AddressRangesTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        127.0.0.1,::1          | 127.0.0.1        | true
        127.0.0.1,::1          | ::1              | true
        127.0.0.1,::1          | 127.0.0.2        | false
        10.0.0.0/8             | 10.255.1.2       | true
        10.0.0.0/8             | 11.0.0.1         | false
        192.168.4.0/22         | 192.168.7.255    | true
        192.168.4.0/22         | 192.168.8.0      | false
        172.16.0.0/12          | 172.31.0.1       | true
        172.16.0.0/12          | 172.32.0.1       | false
        0.0.0.0/0              | 203.0.113.9      | true
        0.0.0.0/0              | 2001:db8::1      | false
        fd00::/8               | fd12:3456::1     | true
        fd00::/8               | fe80::1          | false
        2001:db8::/33          | 2001:db8:7fff::1 | true
        2001:db8::/33          | 2001:db8:8000::1 | false
        ::ffff:10.0.0.0/104    | 10.9.9.9         | true
        ' 10.1.2.3 , 10.1.2.4' | 10.1.2.4         | true
        *                      | 203.0.113.9      | true
        *                      | 2001:db8::1      | true
        ''                     | 127.0.0.1        | false
        """)
    void matchesAddressesAndRanges(String setting, String address, boolean expected) throws Exception {
        assertEquals(expected, AddressRanges.parse(setting).contains(InetAddress.getByName(address)));
    }

    @Test
    void anEmptySettingTrustsNobody() {
        assertTrue(AddressRanges.parse(" ").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        localhost        | "localhost" is not an IP address or CIDR range
        10.0.0.256       | "10.0.0.256" is not an IP address or CIDR range
        10.0.0           | "10.0.0" is not an IP address or CIDR range
        010.0.0.1        | "010.0.0.1" is not an IP address or CIDR range
        10.0.0.0/33      | "10.0.0.0/33" has a prefix length outside 0-32
        fd00::/129       | "fd00::/129" has a prefix length outside 0-128
        10.0.0.0/x       | "10.0.0.0/x" has a prefix length outside 0-32
        10.0.0.1/8       | "10.0.0.1/8" has bits set after the prefix (the range is 10.0.0.0/8)
        fe80::1%eth0     | "fe80::1%eth0" is not an IP address or CIDR range
        """)
    void aBadEntryIsNamed(String setting, String problem) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(setting));

        assertTrue(error.getMessage().startsWith(problem), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "unknown", "_hidden", "1.2.3", "1:2", "::g", "[::1]", "", "1.2.3.4.5"})
    void literalIsNeverANameLookup(String text) {
        assertNull(AddressRanges.literal(text));
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1, 192.0.2.1", "2001:db8::1, 2001:db8:0:0:0:0:0:1", "::ffff:192.0.2.1, 192.0.2.1"})
    void literalParsesBothFamilies(String text, String expected) {
        assertEquals(expected, AddressRanges.literal(text).getHostAddress());
    }
}
