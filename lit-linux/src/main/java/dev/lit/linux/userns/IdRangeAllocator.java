package dev.lit.linux.userns;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Hands out private id ranges for root's containers with {@code userns: auto}: slot N is host
 * ids {@code start + N * 65536} onwards. A slot is taken by creating the directory
 * {@code <state>/userns/N} (mkdir is atomic, so no two containers ever share a range) holding
 * the owning container's id; it is freed on close, or by the cleanup pass.
 */
public final class IdRangeAllocator {
    public static final long RANGE = 65536;
    /** Far above the ranges useradd gives users in /etc/subuid (100000 onwards). */
    public static final long DEFAULT_START = 1L << 30;
    private static final int SLOTS = 1024;
    private final Path directory;
    private final long start;

    public IdRangeAllocator(Path stateRoot) {
        this.directory = stateRoot.resolve("userns");
        this.start = DEFAULT_START;
    }

    /** A lease on a free range for container {@code id}. */
    public Lease allocate(String id) {
        try {
            Files.createDirectories(directory);
            for (int slot = 0; slot < SLOTS; slot++) {
                Path dir = directory.resolve(Integer.toString(slot));
                try {
                    Files.createDirectory(dir);
                    Files.writeString(dir.resolve("owner"), id);
                    return new Lease(dir, IdMap.of(start + slot * RANGE, RANGE));
                } catch (FileAlreadyExistsException e) {
                    // taken
                }
            }
        } catch (IOException e) {
            throw new LitException("cannot allocate a user namespace range under " + directory + ": " + e.getMessage(), e);
        }
        throw new LitException("all " + SLOTS + " user namespace ranges under " + directory + " are in use");
    }

    /** Frees slots whose owning container has no state directory any more. */
    public void releaseOrphans(Path containers) {
        try (var slots = Files.list(directory)) {
            for (Path slot : slots.toList()) {
                try {
                    String owner = Files.readString(slot.resolve("owner")).strip();
                    if (!Files.exists(containers.resolve(owner))) {
                        new Lease(slot, IdMap.of(0, 0)).release();
                    }
                } catch (NoSuchFileException e) {
                    // being taken right now: its owner is written next
                }
            }
        } catch (IOException ignored) {
            // no ranges handed out
        }
    }

    /** A taken range; {@link #release()} gives it back. */
    public record Lease(Path slot, IdMap map) {
        public void release() {
            try {
                Files.deleteIfExists(slot.resolve("owner"));
                Files.deleteIfExists(slot);
            } catch (IOException ignored) {
                // the cleanup pass retries
            }
        }
    }
}
