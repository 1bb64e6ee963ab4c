package dev.lit.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the port forms {@code network.expose} takes: {@code PORT}, {@code HOST:CONTAINER}
 * or {@code IP:HOST:CONTAINER}, each optionally followed by {@code /tcp} or {@code /udp}.
 */
final class PortMappings {
    private static final Pattern FORM = Pattern.compile(
            "(?:(?<ip>\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+]):(?=\\d+:))?(?:(?<host>\\d+):)?(?<container>\\d+)(?:/(?:tcp|udp))?");

    private PortMappings() {
    }

    /** Why {@code text} is not a port mapping, or empty when it is one. */
    static Optional<String> problem(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.of("'" + text + "' is not a port: use PORT, HOST:CONTAINER or IP:HOST:CONTAINER, optionally with /tcp or /udp, as in 8080, 8080:80 or 127.0.0.1:8080:80/udp");
        }
        String ip = m.group("ip");
        if (ip != null && !ip.startsWith("[")) {
            for (String octet : ip.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return Optional.of("'" + text + "' has an invalid IPv4 address: " + ip);
                }
            }
        }
        for (String port : new String[] {m.group("host"), m.group("container")}) {
            if (port != null && !inRange(port)) {
                return Optional.of("'" + text + "': port " + port + " is out of range; ports are 1-65535");
            }
        }
        return Optional.empty();
    }

    private static boolean inRange(String digits) {
        return digits.length() <= 5 && Integer.parseInt(digits) >= 1 && Integer.parseInt(digits) <= 65535;
    }
}
