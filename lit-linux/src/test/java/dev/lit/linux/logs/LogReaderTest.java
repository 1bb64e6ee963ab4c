package dev.lit.linux.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.LogEntry;
import dev.lit.LogQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the monitor's log format back: order across rotated files, since, follow across a rotation. */
class LogReaderTest {
    @TempDir
    Path dir;

    private static String line(int second, String stream, String text) {
        return "2026-12-04T16:35:" + String.format("%02d", second) + ".123456789Z " + stream + " F " + text + "\n";
    }

    @Test
    void parsesTimeStreamPartAndTextWithSpaces() {
        LogEntry e = LogFormat.parse("2026-12-04T16:35:00.123456789Z stderr P a  b ").orElseThrow();
        assertEquals(Instant.parse("2026-12-04T16:35:00.123456789Z"), e.time());
        assertEquals(LogEntry.Stream.STDERR, e.stream());
        assertEquals("a  b ", e.text());
        assertTrue(e.partial());
        assertEquals("2026-12-04T16:35:00.123456789Z stderr P a  b ", LogFormat.format(e));
        assertTrue(LogFormat.parse("garbage").isEmpty());
        assertTrue(LogFormat.parse("2026-12-04T16:35:00Z stdin F x").isEmpty());
    }

    @Test
    void readsRotatedFilesOldestFirstAndSinceFilters() throws IOException {
        Path log = dir.resolve("container.log");
        Files.writeString(dir.resolve("container.log.2"), line(1, "stdout", "one"));
        Files.writeString(dir.resolve("container.log.1"), line(2, "stdout", "two") + line(3, "stderr", "three"));
        Files.writeString(log, line(4, "stdout", "four"));
        assertEquals(List.of("one", "two", "three", "four"), LogReader.readAll(log, 3).stream().map(LogEntry::text).toList());
        assertEquals(List.of("two", "three", "four"), LogReader.readAll(log, 2).stream().map(LogEntry::text).toList(),
                "files beyond the count are not the container's any more");
        try (Stream<LogEntry> s = LogReader.read(log, 3, LogQuery.ALL.withSince(Instant.parse("2026-12-04T16:35:03Z")), () -> true)) {
            assertEquals(List.of("three", "four"), s.map(LogEntry::text).toList());
        }
    }

    @Test
    void followWaitsForNewLinesSurvivesARotationAndEndsWhenTheWriterHasEnded() throws Exception {
        Path log = dir.resolve("container.log");
        Files.writeString(log, line(0, "stdout", "first"));
        AtomicBoolean ended = new AtomicBoolean();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(150);
                Files.writeString(log, line(1, "stdout", "sec").replace("\n", ""), StandardOpenOption.APPEND);
                Thread.sleep(100);
                Files.writeString(log, "ond\n", StandardOpenOption.APPEND);
                Files.move(log, dir.resolve("container.log.1"));
                Files.writeString(log, line(2, "stderr", "after rotation"));
                Thread.sleep(150);
                ended.set(true);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<String> got = new ArrayList<>();
        try (Stream<LogEntry> s = LogReader.read(log, 2, LogQuery.followAll(), ended::get)) {
            s.forEach(e -> got.add(e.text()));
        }
        writer.join();
        assertEquals(List.of("first", "second", "after rotation"), got, "a line written in two parts is read whole");
    }
}
