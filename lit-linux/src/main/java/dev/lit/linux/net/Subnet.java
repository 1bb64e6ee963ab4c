package dev.lit.linux.net;

/** An IPv4 subnet: its network address and prefix length. */
record Subnet(Ipv4 network, int prefix) {

    static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        return new Subnet(Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    boolean contains(Ipv4 a) {
        return a.network(prefix).equals(network);
    }

    Ipv4 first() {
        return network.plus(1);
    }

    Ipv4 broadcast() {
        return network.broadcast(prefix);
    }

    boolean overlaps(Subnet other) {
        int p = Math.min(prefix, other.prefix);
        return network.network(p).equals(other.network.network(p));
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
