package dev.lit.linux.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Outbound NAT and isolation for one bridge, as one nftables table of Lit's own
 * ({@code ip lit_<bridge>}) fed to the {@code nft} binary: masquerade for traffic from the
 * subnet leaving through another interface, and a forward rule that drops traffic from this
 * bridge to any other Lit bridge (so networks stay apart even on a host that forwards).
 * Deleting the table removes every rule at once. Without {@code nft}, or on a host that
 * refuses it, networks still work between containers and the host, without NAT; the reason
 * is logged once at DEBUG. Lit never flips the host-wide {@code net.ipv4.ip_forward}: outbound traffic
 * needs it on, as the host's administrator decides.
 */
final class Nat {
    private static final System.Logger LOG = System.getLogger(Nat.class.getName());
    static final String NFT = "/usr/sbin/nft";
    private static volatile boolean warned;

    private Nat() {
    }

    static String table(String bridge) {
        return "lit_" + bridge.replace('-', '_');
    }

    /** Creates (or replaces) the table of {@code bridge}; false (logged) where nft cannot. */
    static boolean install(String bridge, String bridgePrefix, Subnet subnet, boolean internal) {
        if (!Files.isExecutable(Path.of(NFT))) {
            warnOnce("nft is not installed (" + NFT + "): bridge networks run without outbound NAT and without forward isolation rules");
            return false;
        }
        String t = table(bridge);
        StringBuilder rules = new StringBuilder();
        rules.append("table ip ").append(t).append(" {}\n");
        rules.append("delete table ip ").append(t).append('\n');
        rules.append("table ip ").append(t).append(" {\n");
        rules.append("  chain forward {\n    type filter hook forward priority -10; policy accept;\n");
        rules.append("    iifname \"").append(bridge).append("\" oifname \"").append(bridgePrefix).append("*\" oifname != \"")
                .append(bridge).append("\" drop\n");
        if (internal) {
            rules.append("    iifname \"").append(bridge).append("\" oifname != \"").append(bridge).append("\" drop\n");
            rules.append("    oifname \"").append(bridge).append("\" iifname != \"").append(bridge).append("\" drop\n");
        }
        rules.append("  }\n");
        if (!internal) {
            rules.append("  chain postrouting {\n    type nat hook postrouting priority 100; policy accept;\n");
            rules.append("    ip saddr ").append(subnet).append(" oifname != \"").append(bridge).append("\" masquerade\n  }\n");
        }
        rules.append("}\n");
        String error = run(rules.toString(), "-f", "-");
        if (error != null) {
            warnOnce("nft refused Lit's rules for " + bridge + " (" + error.strip() + "): running without outbound NAT");
            return false;
        }
        if (!internal && !forwarding()) {
            warnOnce("net.ipv4.ip_forward is 0 on this host: containers on bridge networks reach each other and the host, not beyond");
        }
        return true;
    }

    /** Deletes the table of {@code bridge} if it exists. */
    static void remove(String bridge) {
        if (Files.isExecutable(Path.of(NFT))) {
            String t = table(bridge);
            run("table ip " + t + " {}\ndelete table ip " + t + "\n", "-f", "-");
        }
    }

    /** The names of every Lit table for bridges starting with {@code bridgePrefix}. */
    static List<String> tables(String bridgePrefix) {
        List<String> found = new ArrayList<>();
        if (!Files.isExecutable(Path.of(NFT))) {
            return found;
        }
        String prefix = table(bridgePrefix);
        String out = output("list", "tables", "ip");
        if (out != null) {
            for (String line : out.split("\n")) {
                String[] f = line.strip().split(" ");
                if (f.length == 3 && f[2].startsWith(prefix)) {
                    found.add(f[2]);
                }
            }
        }
        return found;
    }

    /** Feeds {@code rules} to nft; null on success, else its error output. */
    static @Nullable String apply(String rules) {
        return run(rules, "-f", "-");
    }

    /** Deletes table {@code name}. */
    static void deleteTable(String name) {
        run("delete table ip " + name + "\n", "-f", "-");
    }

    static boolean forwarding() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    private static void warnOnce(String message) {
        if (!warned) {
            warned = true;
            // DEBUG: a fact about the host, not a problem of this run; `lit version` states it too.
            LOG.log(System.Logger.Level.DEBUG, message);
        }
    }

    /** Runs nft with {@code input} on stdin; null on success, else its error output. */
    private static @Nullable String run(String input, String... args) {
        List<String> cmd = new ArrayList<>(List.of(NFT));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "nft did not finish within 10 s";
            }
            return p.exitValue() == 0 ? null : out;
        } catch (IOException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static @Nullable String output(String... args) {
        List<String> cmd = new ArrayList<>(List.of(NFT));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
