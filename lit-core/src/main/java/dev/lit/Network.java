package dev.lit;

import java.util.Map;

/**
 * A declared bridge network, as Testcontainers' {@code Network}: containers join it by name
 * ({@link ContainerSpec.Builder#network(String, String...)}), reach each other by name and
 * alias (through {@code /etc/hosts} entries Lit keeps current), and are isolated from the
 * containers of other networks.
 *
 * <pre>{@code
 * try (Network app = Network.builder().name("app").subnet("10.89.1.0/24").create();
 *      Container db = Lit.start(Container.builder().name("db").network("app", "store")...)) { ... }
 * }</pre>
 *
 * {@link #close()} removes the declaration; the bridge itself goes when its last container
 * leaves. A network named without being declared is created on first use with
 * {@link NetworkSpec#defaults(String) defaults} and removed when its last container leaves.
 */
public interface Network extends AutoCloseable {

    /**
     * A builder for a network's spec; {@link NetworkSpec.Builder#create()} declares it.
     *
     * @return a new builder
     */
    static NetworkSpec.Builder builder() {
        return new NetworkSpec.Builder();
    }

    /**
     * The network's name.
     *
     * @return the name containers join it by
     */
    String name();

    /**
     * The spec as declared, with the subnet and gateway actually in use filled in.
     *
     * @return the spec in effect
     */
    NetworkSpec spec();

    /**
     * The host-side bridge interface's name, such as {@code lit-app}.
     *
     * @return the interface's name
     */
    String bridge();

    /**
     * The containers on this network now, by host name under which the others reach them
     * (names and aliases), each with its IPv4 address.
     *
     * @return host names to addresses
     */
    Map<String, String> hosts();

    /** Removes the declaration; the bridge goes when no container uses it. Idempotent. */
    @Override
    void close();
}
