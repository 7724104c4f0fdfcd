package dev.undertowbase.launcher.config;

/**
 * Trusted proxies (README, Trusted proxies: FORWARDED_ALLOW_IPS).
 *
 * @param allowIps the setting as written, for the config line
 * @param trusted  the peers whose forwarded headers are applied
 */
public record ProxySettings(String allowIps, AddressRanges trusted) {

    static ProxySettings read(Settings s) {
        String text = s.optionalString("forwarded-allow-ips");
        if (text == null) {
            text = "";
        }
        try {
            return new ProxySettings(text, AddressRanges.parse(text));
        } catch (IllegalArgumentException e) {
            throw s.bad("forwarded-allow-ips", null, e.getMessage());
        }
    }
}
