package dev.lit.linux.logs;

import dev.lit.LitException;
import dev.lit.LogEntry;
import dev.lit.LogQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads a container's rotated log ({@code container.log.N} oldest, down to {@code container.log}),
 * and with {@code follow} keeps reading the current file, moving on when the monitor rotates it,
 * until the container has ended and nothing is left to read.
 */
public final class LogReader {
    private static final long POLL_MILLIS = 50;

    private LogReader() {
    }

    /**
     * @param log      the current log file
     * @param maxFiles how many files the monitor keeps
     * @param ended    true once no process writes to the log any more
     */
    public static Stream<LogEntry> read(Path log, int maxFiles, LogQuery query, BooleanSupplier ended) {
        Entries entries = new Entries(log, maxFiles, query, ended);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(entries::close);
    }

    private static final class Entries implements Iterator<LogEntry> {
        private final Path log;
        private final LogQuery query;
        private final BooleanSupplier ended;
        private final Deque<Path> older = new ArrayDeque<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final Deque<String> lines = new ArrayDeque<>();
        private @Nullable InputStream current;
        private @Nullable Object currentKey;
        private @Nullable LogEntry next;
        private boolean done;

        Entries(Path log, int maxFiles, LogQuery query, BooleanSupplier ended) {
            this.log = log;
            this.query = query;
            this.ended = ended;
            for (int i = maxFiles - 1; i >= 1; i--) {
                Path p = log.resolveSibling(log.getFileName() + "." + i);
                if (Files.exists(p)) {
                    older.add(p);
                }
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                String line = nextLine();
                if (line == null) {
                    done = true;
                    close();
                    break;
                }
                LogFormat.parse(line)
                        .filter(e -> query.since() == null || !e.time().isBefore(query.since()))
                        .ifPresent(e -> next = e);
            }
            return next != null;
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LogEntry e = Objects.requireNonNull(next);
            next = null;
            return e;
        }

        /** The next complete line, waiting for one when following; null at the end. */
        private @Nullable String nextLine() {
            try {
                for (;;) {
                    if (!lines.isEmpty()) {
                        return lines.poll();
                    }
                    if (current == null && !openNext()) {
                        if (!query.follow() || ended.getAsBoolean()) {
                            return null;
                        }
                        sleep();
                        continue;
                    }
                    int n = Objects.requireNonNull(current).read(buffer);
                    if (n > 0) {
                        split(n);
                        continue;
                    }
                    // End of this file: an older one is done for good; the current one may grow or be rotated.
                    if (!older.isEmpty() || currentKey == null) {
                        closeCurrent();
                        continue;
                    }
                    if (!Objects.equals(currentKey, keyOf(log))) {
                        closeCurrent(); // rotated: what we had open is read to its end, the new file is next
                        continue;
                    }
                    if (!query.follow()) {
                        return null;
                    }
                    if (ended.getAsBoolean()) {
                        // one more read: the monitor may have written its last lines after our read
                        int last = current.read(buffer);
                        if (last > 0) {
                            split(last);
                            continue;
                        }
                        return null;
                    }
                    sleep();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the container log " + log + ": " + e.getMessage(), e);
            }
        }

        private boolean openNext() throws IOException {
            Path p = older.isEmpty() ? log : older.peek();
            try {
                Object key = keyOf(p);
                current = Files.newInputStream(p);
                currentKey = older.isEmpty() ? key : null;
                if (!older.isEmpty()) {
                    older.poll();
                }
                return true;
            } catch (NoSuchFileException e) {
                if (!older.isEmpty()) {
                    older.poll(); // rotated away meanwhile
                    return openNext();
                }
                return false;
            }
        }

        private static @Nullable Object keyOf(Path p) {
            try {
                return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }

        private void split(int n) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    partial.write(buffer, start, i - start);
                    lines.add(partial.toString(StandardCharsets.UTF_8));
                    partial.reset();
                    start = i + 1;
                }
            }
            partial.write(buffer, start, n - start);
        }

        private void closeCurrent() throws IOException {
            if (current != null) {
                current.close();
            }
            current = null;
            currentKey = null;
            partial.reset();
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LitException("interrupted while following a container log", e);
            }
        }

        void close() {
            try {
                closeCurrent();
            } catch (IOException ignored) {
                // reading only
            }
        }
    }

    /** Every entry of a finished log, for tests and small logs. */
    public static List<LogEntry> readAll(Path log, int maxFiles) {
        try (Stream<LogEntry> s = read(log, maxFiles, LogQuery.ALL, () -> true)) {
            return new ArrayList<>(s.toList());
        }
    }
}
