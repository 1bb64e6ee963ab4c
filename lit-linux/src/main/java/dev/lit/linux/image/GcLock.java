package dev.lit.linux.image;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps prune away from pulls in progress (whose layers no image names yet): pulls hold it
 * shared, prune exclusive, across threads and processes. Within the JVM a read-write lock
 * decides; the first reader takes the shared file lock and the last one releases it, since
 * the JVM refuses overlapping file locks even when both are shared.
 */
final class GcLock {
    private static final ConcurrentHashMap<Path, GcLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock local = new ReentrantReadWriteLock();
    private int readers;
    private FileChannel channel;
    private FileLock fileLock;

    private GcLock(Path file) {
        this.file = file;
    }

    static GcLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), GcLock::new);
    }

    AutoCloseable shared() {
        local.readLock().lock();
        try {
            synchronized (this) {
                if (readers++ == 0) {
                    open(true);
                }
            }
        } catch (RuntimeException e) {
            local.readLock().unlock();
            throw e;
        }
        return () -> {
            synchronized (this) {
                if (--readers == 0) {
                    release();
                }
            }
            local.readLock().unlock();
        };
    }

    AutoCloseable exclusive() {
        local.writeLock().lock();
        try {
            synchronized (this) {
                open(false);
            }
        } catch (RuntimeException e) {
            local.writeLock().unlock();
            throw e;
        }
        return () -> {
            synchronized (this) {
                release();
            }
            local.writeLock().unlock();
        };
    }

    private void open(boolean shared) {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            fileLock = channel.lock(0, Long.MAX_VALUE, shared);
        } catch (IOException e) {
            throw new ImageException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private void release() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock
        }
        fileLock = null;
        channel = null;
    }
}
