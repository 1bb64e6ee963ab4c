package dev.lit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container port published on the host, as {@code docker run -p}.
 *
 * @param hostIp        the host address to listen on: {@code 0.0.0.0} for all IPv4 addresses
 * @param hostPort      the host port, or 0 for a free port the kernel picks (read it with
 *                      {@link Container#mappedPort(int, Protocol)})
 * @param containerPort the port in the container
 * @param protocol      TCP or UDP
 */
public record PortMapping(String hostIp, int hostPort, int containerPort, Protocol protocol) {
    /** The address a mapping without one listens on: every IPv4 address, as Docker. */
    public static final String ANY = "0.0.0.0";

    private static final Pattern FORM = Pattern.compile(
            "(?:(?<ip>\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9A-Fa-f:.]+]):(?=\\d+:))?(?:(?<host>\\d+):)?(?<container>\\d+)(?:/(?<proto>[A-Za-z]+))?");

    /** The transport protocol of a published port. */
    public enum Protocol {
        /** TCP. */
        TCP,
        /** UDP. */
        UDP;

        /** {@code tcp} or {@code udp}, as in {@code 8080/udp}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Strips the brackets of an IPv6 address and checks the address and ports.
     *
     * @throws InvalidSpecException naming what is out of range
     */
    public PortMapping {
        if (hostIp.startsWith("[") && hostIp.endsWith("]")) {
            hostIp = hostIp.substring(1, hostIp.length() - 1);
        }
        if (!isIpv4(hostIp) && !hostIp.contains(":")) {
            throw new InvalidSpecException("network.expose", "'" + hostIp + "' is not an IP address");
        }
        if (hostPort < 0 || hostPort > 65535) {
            throw new InvalidSpecException("network.expose", "host port " + hostPort + " is out of range; ports are 1-65535, or 0 for a free one");
        }
        if (containerPort < 1 || containerPort > 65535) {
            throw new InvalidSpecException("network.expose", "container port " + containerPort + " is out of range; ports are 1-65535");
        }
    }

    /**
     * Publishes {@code containerPort}/tcp on a free host port on every address (Docker's {@code -p 8080}).
     *
     * @param containerPort the TCP port in the container
     * @return the mapping
     */
    public static PortMapping of(int containerPort) {
        return new PortMapping(ANY, 0, containerPort, Protocol.TCP);
    }

    /**
     * Parses Docker's forms: {@code 8080} (a free host port), {@code 18080:8080},
     * {@code 127.0.0.1:18080:8080}, {@code 0:8080} (a free host port), each optionally with
     * {@code /tcp} or {@code /udp}.
     *
     * @throws InvalidSpecException naming the text and what is wrong with it
     * @param text the mapping
     * @return the mapping
     */
    public static PortMapping parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidSpecException("network.expose", "'" + text + "' is not a port: use PORT, HOST:CONTAINER or IP:HOST:CONTAINER, optionally with /tcp or /udp, as in 8080, 18080:8080 or 127.0.0.1:18080:8080/udp");
        }
        String ip = m.group("ip") == null ? ANY : m.group("ip");
        if (isDottedQuad(ip) && !isIpv4(ip)) {
            throw new InvalidSpecException("network.expose", "'" + text + "' has an invalid IPv4 address: " + ip);
        }
        Protocol protocol = Protocol.TCP;
        String proto = m.group("proto");
        if (proto != null) {
            protocol = switch (proto.toLowerCase(Locale.ROOT)) {
                case "tcp" -> Protocol.TCP;
                case "udp" -> Protocol.UDP;
                default -> throw new InvalidSpecException("network.expose", "'" + text + "': unknown protocol '" + proto + "'; use tcp or udp");
            };
        }
        int host = m.group("host") == null ? 0 : port(text, m.group("host"), true);
        int container = port(text, m.group("container"), false);
        return new PortMapping(ip, host, container, protocol);
    }

    private static int port(String text, String digits, boolean zeroAllowed) {
        int value = digits.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (value > 65535 || (value == 0 && !zeroAllowed)) {
            throw new InvalidSpecException("network.expose", "'" + text + "': port " + digits + " is out of range; ports are 1-65535"
                    + (zeroAllowed ? " (0 on the host side for a free port)" : ""));
        }
        return value;
    }

    private static boolean isDottedQuad(String ip) {
        return ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean isIpv4(String ip) {
        if (!isDottedQuad(ip)) {
            return false;
        }
        for (String octet : ip.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Docker's form, such as {@code 127.0.0.1:18080:8080/udp}. */
    @Override
    public String toString() {
        String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + ":" + containerPort + "/" + protocol;
    }
}
