package dev.lit;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A named bridge network, immutable. Declare one with {@link Network#builder()}; a network
 * a container names without declaring it gets {@link #defaults(String) defaults}.
 *
 * @param name     the network's name, as containers name it
 * @param subnet   its IPv4 subnet in CIDR form, such as {@code 10.89.1.0/24}; null to take a free
 *                 /24 from Lit's pool (10.89.0.0/16)
 * @param gateway  the host's address on the bridge, the containers' default route; null for the
 *                 subnet's first address
 * @param mtu      the MTU of the bridge and of every container interface on it
 * @param internal true for no outbound NAT and no route beyond the network (Docker's {@code --internal})
 */
public record NetworkSpec(String name, @Nullable String subnet, @Nullable String gateway, int mtu, boolean internal) {
    /** The MTU a network gets unless told otherwise. */
    public static final int DEFAULT_MTU = 1500;

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /**
     * Checks the name, the MTU, and that the gateway is a host address of the subnet.
     *
     * @throws InvalidSpecException naming the field that is wrong
     */
    public NetworkSpec {
        requireName(name);
        if (mtu < 576 || mtu > 65535) {
            throw new InvalidSpecException("network.mtu", "MTU " + mtu + " is out of range 576-65535");
        }
        if (subnet != null) {
            String[] parts = subnet.split("/", -1);
            if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
                throw new InvalidSpecException("network.subnet", "'" + subnet + "' is not an IPv4 subnet in CIDR form such as 10.89.1.0/24");
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 8 || prefix > 30) {
                throw new InvalidSpecException("network.subnet", "'" + subnet + "': the prefix length must be 8-30");
            }
            int base = ipv4("network.subnet", parts[0]);
            int mask = (int) (0xffffffffL << (32 - prefix));
            if ((base & ~mask) != 0) {
                throw new InvalidSpecException("network.subnet", "'" + subnet + "' has host bits set; did you mean " + text(base & mask) + "/" + prefix + "?");
            }
            if (gateway != null) {
                int gw = ipv4("network.gateway", gateway);
                if ((gw & mask) != base || gw == base || gw == (base | ~mask)) {
                    throw new InvalidSpecException("network.gateway", gateway + " is not a host address of " + subnet);
                }
            }
        } else if (gateway != null) {
            throw new InvalidSpecException("network.gateway", "a gateway needs a subnet");
        }
    }

    /**
     * A network with a pooled subnet, its first address as gateway, MTU 1500 and outbound NAT.
     *
     * @param name the network's name
     * @return the spec
     */
    public static NetworkSpec defaults(String name) {
        return new NetworkSpec(name, null, null, DEFAULT_MTU, false);
    }

    static void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException("network.name", "'" + name + "' is not a valid network name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 63 characters");
        }
    }

    /** A dotted IPv4 address as a 32-bit number, or an {@link InvalidSpecException} for {@code field}. */
    static int ipv4(String field, String text) {
        var m = IPV4.matcher(text);
        if (!m.matches()) {
            throw new InvalidSpecException(field, "'" + text + "' is not an IPv4 address");
        }
        int value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new InvalidSpecException(field, "'" + text + "' is not an IPv4 address");
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static String text(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 255) + "." + (ip >>> 8 & 255) + "." + (ip & 255);
    }

    /** A validating builder; {@link #create()} declares the network on this host's runtime. */
    public static final class Builder {
        private @Nullable String name;
        private @Nullable String subnet;
        private @Nullable String gateway;
        private int mtu = DEFAULT_MTU;
        private boolean internal;

        Builder() {
        }

        /**
         * The network's name, as containers name it.
         *
         * @param value letters, digits, '_', '.' and '-', at most 63 characters
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * An IPv4 subnet such as {@code 10.89.1.0/24}.
         *
         * @param value the subnet in CIDR form; null to take one from Lit's pool
         * @return this builder
         */
        public Builder subnet(@Nullable String value) {
            subnet = value;
            return this;
        }

        /**
         * The host's address on the bridge, the containers' default route; needs a {@link #subnet subnet}.
         *
         * @param value an IPv4 address in the subnet; null for its first address
         * @return this builder
         */
        public Builder gateway(@Nullable String value) {
            gateway = value;
            return this;
        }

        /**
         * The MTU of the bridge and of every container interface on it.
         *
         * @param value 576 to 65535
         * @return this builder
         */
        public Builder mtu(int value) {
            mtu = value;
            return this;
        }

        /**
         * No outbound NAT: containers reach only each other (and the host's bridge address).
         *
         * @param value true for an internal network
         * @return this builder
         */
        public Builder internal(boolean value) {
            internal = value;
            return this;
        }

        /**
         * Checks the spec.
         *
         * @return the spec
         * @throws InvalidSpecException naming the field that is wrong
         */
        public NetworkSpec build() {
            if (name == null) {
                throw new InvalidSpecException("network.name", "a network needs a name");
            }
            return new NetworkSpec(name, subnet, gateway, mtu, internal);
        }

        /**
         * Builds the spec and declares the network through {@link Lit#runtime()}; close the handle to remove
         * it.
         *
         * @return the network's handle
         * @throws InvalidSpecException naming the field that is wrong
         */
        public Network create() {
            return Lit.runtime().createNetwork(build());
        }
    }
}
