package dev.lit.linux.net;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf}: files
 * in its state directory, bind-mounted over the image's as Podman does. A bind mount pins the
 * inode, so updates rewrite the file in place (truncate and write), never by rename.
 *
 * <p>Peers are found through hosts entries kept current rather than an embedded DNS server:
 * no resolver process per network to run, supervise and reach (which a rootless or
 * {@code internal} network makes harder), any libc and busybox resolve them, and the file is
 * updated before a new peer's start returns, so a dependant never races a DNS registration.
 */
final class EtcFiles {
    private final Path dir;

    EtcFiles(Path containerDir) {
        this.dir = containerDir.resolve("etc");
    }

    Path hosts() {
        return dir.resolve("hosts");
    }

    Path hostname() {
        return dir.resolve("hostname");
    }

    Path resolvConf() {
        return dir.resolve("resolv.conf");
    }

    /** Writes all three; the hosts file holds only loopback and the container's own names until peers are added. */
    void create(String hostname) {
        try {
            Files.createDirectories(dir);
            Files.writeString(hostname(), hostname + "\n");
            Files.writeString(resolvConf(), resolvConf(readHostResolvConf()));
            Files.writeString(hosts(), "");
        } catch (IOException e) {
            throw new LitException("cannot write the network files under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String readHostResolvConf() {
        try {
            return Files.readString(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            return "";
        }
    }

    /** The host's resolv.conf without loopback name servers, which the container's own loopback would not answer. */
    static String resolvConf(String host) {
        StringBuilder out = new StringBuilder("# written by Lit from the host's /etc/resolv.conf\n");
        for (String line : host.split("\n")) {
            String t = line.strip();
            if (t.startsWith("nameserver") && (t.contains(" 127.") || t.contains(" ::1"))) {
                continue;
            }
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.append(t).append('\n');
            }
        }
        return out.toString();
    }

    /** The hosts file's text: loopback, this container's own address and names, then its peers. */
    static String hostsText(List<String[]> own, List<String[]> peers) {
        List<String> lines = new ArrayList<>();
        lines.add("127.0.0.1\tlocalhost");
        lines.add("::1\tlocalhost ip6-localhost ip6-loopback");
        for (String[] e : own) {
            lines.add(e[0] + "\t" + e[1]);
        }
        for (String[] e : peers) {
            lines.add(e[0] + "\t" + e[1]);
        }
        return String.join("\n", lines) + "\n";
    }

    /** Rewrites {@code file} in place (same inode, as the container's bind mount needs). */
    static void rewrite(Path file, String text) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            ch.truncate(0);
            long position = 0;
            while (bytes.hasRemaining()) {
                position += ch.write(bytes, position);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // the container is being removed
        } catch (IOException e) {
            throw new LitException("cannot update " + file + ": " + e.getMessage(), e);
        }
    }
}
