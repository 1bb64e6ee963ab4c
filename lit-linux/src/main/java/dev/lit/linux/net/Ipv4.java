package dev.lit.linux.net;

/** An IPv4 address as a 32-bit number, with the subnet arithmetic the allocator needs. */
record Ipv4(int value) implements Comparable<Ipv4> {

    static Ipv4 parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
        }
        int v = 0;
        for (String p : parts) {
            int octet = Integer.parseInt(p);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("'" + text + "' is not an IPv4 address");
            }
            v = v << 8 | octet;
        }
        return new Ipv4(v);
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
    }

    Ipv4 plus(int n) {
        return new Ipv4(value + n);
    }

    Ipv4 network(int prefix) {
        return new Ipv4(value & mask(prefix));
    }

    Ipv4 broadcast(int prefix) {
        return new Ipv4(value | ~mask(prefix));
    }

    byte[] bytes() {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public int compareTo(Ipv4 o) {
        return Integer.compareUnsigned(value, o.value);
    }

    @Override
    public String toString() {
        return (value >>> 24) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
    }
}
