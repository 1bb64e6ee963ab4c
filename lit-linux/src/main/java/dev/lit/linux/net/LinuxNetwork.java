package dev.lit.linux.net;

import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The handle of a declared network: reads its state from the store, closes its declaration. */
final class LinuxNetwork implements Network {
    private final BridgeNetworks networks;
    private final String name;
    private boolean closed;

    LinuxNetwork(BridgeNetworks networks, String name) {
        this.networks = networks;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    private NetworkStore.Stored stored() {
        return networks.store().find(name).orElseThrow(() -> new LitException("network " + name + " no longer exists"));
    }

    @Override
    public NetworkSpec spec() {
        return stored().spec();
    }

    @Override
    public String bridge() {
        return stored().bridge();
    }

    @Override
    public Map<String, String> hosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        networks.store().members(name).values().forEach(m -> m.names().forEach(n -> hosts.put(n, m.address().toString())));
        return hosts;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        networks.store().locked(() -> {
            networks.store().find(name).ifPresent(s -> {
                networks.store().save(new NetworkStore.Stored(s.name(), s.subnet(), s.gateway(), s.mtu(), s.internal(), s.bridge(), false, ""));
                networks.removeIfUnused(name);
            });
            return null;
        });
    }

    @Override
    public String toString() {
        return "Network[" + name + "]";
    }
}
