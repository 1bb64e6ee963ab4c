package dev.lit.linux.net;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Subnets claimed by the networks of every state root on this machine, one file each under
 * {@code /run/lit-subnets} naming the network directory that holds it. Two state roots (two
 * users of Lit, or {@code LIT_STATE_DIR}) choose subnets independently, and a host route only
 * shows a subnet once its bridge exists: without a machine-wide record both could take the
 * same /24 and their containers would answer for each other's addresses.
 */
final class SubnetClaims {
    private final Path dir;

    SubnetClaims(Path dir) {
        this.dir = dir;
    }

    static SubnetClaims machine() {
        return new SubnetClaims(Path.of("/run/lit-subnets"));
    }

    record Claim(Subnet subnet, Path owner, Path file) {
    }

    /** Runs {@code work} holding the machine-wide claims lock (taken after a store's own lock, never before). */
    <T> T locked(Supplier<T> work) {
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                assert lock.isValid();
                return work.get();
            }
        } catch (IOException e) {
            throw new LitException("cannot lock the subnet claims in " + dir + ": " + e.getMessage(), e);
        }
    }

    List<Claim> all() {
        List<Claim> claims = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                String name = f.getFileName().toString().replace('_', '/');
                try {
                    claims.add(new Claim(Subnet.parse(name), Path.of(Files.readString(f).strip()), f));
                } catch (IOException | RuntimeException e) {
                    // being written or removed
                }
            }
        } catch (IOException e) {
            // none yet
        }
        return claims;
    }

    /** Claims {@code subnet} for the network directory {@code owner}; false if any claim overlaps it. Call locked. */
    boolean claim(Subnet subnet, Path owner) {
        for (Claim c : all()) {
            if (c.subnet().overlaps(subnet)) {
                return c.owner().equals(owner) && c.subnet().equals(subnet);
            }
        }
        Path file = dir.resolve(subnet.toString().replace('/', '_'));
        try {
            Files.writeString(file, owner + "\n", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new LitException("cannot claim subnet " + subnet + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Releases {@code subnet} if {@code owner} holds it. */
    void release(Subnet subnet, Path owner) {
        locked(() -> {
            for (Claim c : all()) {
                if (c.subnet().equals(subnet) && c.owner().equals(owner)) {
                    delete(c.file());
                }
            }
            return null;
        });
    }

    /** Releases the claims whose network directory no longer exists (a wiped state root). */
    void releaseOrphans() {
        locked(() -> {
            for (Claim c : all()) {
                if (!Files.isRegularFile(c.owner().resolve("network"))) {
                    delete(c.file());
                }
            }
            return null;
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new LitException("cannot release subnet claim " + file + ": " + e.getMessage(), e);
        }
    }
}
