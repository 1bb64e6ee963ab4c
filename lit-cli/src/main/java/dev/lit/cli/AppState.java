package dev.lit.cli;

import dev.lit.LitException;
import dev.lit.compose.RunningApplication;
import dev.lit.linux.state.StateRoot;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The record of a running {@code lit up}, {@code <state root>/apps/<application>.up}: which
 * process holds the application (pid and start time, so a recycled pid is not mistaken for
 * it), from which file, with which containers. It makes a second {@code lit up} of the same
 * application fail clearly, and lets {@code lit down FILE} find the process to stop.
 */
final class AppState implements AutoCloseable {
    private final Path path;
    private final Properties values;

    private AppState(Path path, Properties values) {
        this.path = path;
        this.values = values;
    }

    /** Where the record of application {@code name} is kept. */
    static Path pathOf(String name) {
        return StateRoot.forThisProcess().path().resolve("apps").resolve(name + ".up");
    }

    /** Claims application {@code name} for this process; fails if a live {@code lit up} holds it. */
    static AppState claim(String name, Path file) {
        Path path = pathOf(name);
        ProcessHandle self = ProcessHandle.current();
        Properties values = new Properties();
        values.setProperty("pid", Long.toString(self.pid()));
        values.setProperty("start", startOf(self));
        values.setProperty("file", file.toAbsolutePath().normalize().toString());
        try {
            Files.createDirectories(path.getParent());
            for (;;) {
                try {
                    Files.createFile(path);
                    break;
                } catch (FileAlreadyExistsException e) {
                    Optional<Holder> holder = read(name);
                    if (holder.isPresent() && holder.get().alive()) {
                        throw new LitException("application '" + name + "' is already up (lit up, pid " + holder.get().process().orElseThrow().pid()
                                + ", from " + holder.get().file() + "); bring it down first with 'lit down " + holder.get().file() + "'");
                    }
                    Files.deleteIfExists(path);
                }
            }
            AppState state = new AppState(path, values);
            state.write();
            return state;
        } catch (IOException e) {
            throw new LitException("cannot record application '" + name + "' in " + path + ": " + e.getMessage(), e);
        }
    }

    /** Adds the containers of the application, once it is up. */
    void up(RunningApplication running) {
        values.setProperty("containers", running.containers().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().id()).collect(Collectors.joining(",")));
        try {
            write();
        } catch (IOException e) {
            throw new LitException("cannot record application '" + running.application().name() + "' in " + path + ": " + e.getMessage(), e);
        }
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String key : values.stringPropertyNames().stream().sorted().toList()) {
            text.append(key).append('=').append(values.getProperty(key).replace("\\", "\\\\")).append('\n');
        }
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale record is harmless: the next claim or lit down sees that its process is gone
        }
    }

    /**
     * The process that holds an application.
     *
     * @param process its handle, if it still runs
     * @param start   the start time recorded
     * @param file    the lit.yml it came from
     */
    record Holder(Optional<ProcessHandle> process, String start, String file, String containers) {
        /** Whether the recorded process is the one running under that pid now. */
        boolean alive() {
            return process.filter(ProcessHandle::isAlive).map(p -> startOf(p).equals(start)).orElse(false);
        }
    }

    /** The holder recorded for application {@code name}, if any. */
    static Optional<Holder> read(String name) {
        Path path = pathOf(name);
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(path)));
            long pid = Long.parseLong(p.getProperty("pid", "-1"));
            return Optional.of(new Holder(ProcessHandle.of(pid), p.getProperty("start", ""), p.getProperty("file", "?"),
                    p.getProperty("containers", "")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.of(new Holder(Optional.empty(), "", "?", ""));
        }
    }

    /** Removes the record of an application whose process is gone. */
    static void forget(String name) {
        try {
            Files.deleteIfExists(pathOf(name));
        } catch (IOException e) {
            throw new LitException("cannot remove " + pathOf(name) + ": " + e.getMessage(), e);
        }
    }

    /** Removes the records of applications whose {@code lit up} is gone; returns how many. */
    static int forgetStale() {
        Path apps = StateRoot.forThisProcess().path().resolve("apps");
        int removed = 0;
        try (var records = Files.newDirectoryStream(apps, "*.up")) {
            for (Path record : records) {
                String name = record.getFileName().toString().replaceFirst("\\.up$", "");
                if (read(name).map(h -> !h.alive()).orElse(false)) {
                    Files.deleteIfExists(record);
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new LitException("cannot clean application records in " + apps + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("?");
    }
}
