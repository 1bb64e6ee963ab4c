package dev.lit.linux.optimize;

import dev.lit.linux.cgroup.ContainerCgroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A container's memory cgroup as the tuner sees it: readings in, soft limits out. One
 * implementation per cgroup version, since what each offers differs (see the README's
 * optimizer section).
 */
public sealed interface MemoryFiles extends AutoCloseable permits CgroupV2Memory, CgroupV1Memory {

    /**
     * The files of the directory that carries the memory controller.
     *
     * @param memory the directory carrying the memory controller
     * @return the files, v1 or v2
     */
    static MemoryFiles of(ContainerCgroup.Directory memory) {
        return memory.version() == 2 ? new CgroupV2Memory(memory.path()) : CgroupV1Memory.open(memory.path());
    }

    /**
     * Reads every counter the policy uses.
     *
     * @return the reading
     * @throws TuningException if a file cannot be read
     */
    MemoryReading read();

    /**
     * Sets the soft limit the policy decided; for a step down, also pushes memory out now.
     *
     * @return a note on what happened beyond the plain write (empty if nothing), for the event's reason
     * @param decision the policy's decision
     * @param current the memory in use now, in bytes
     */
    String apply(Decision decision, long current);

    /**
     * What moves, for people: "memory.high" or "memory.soft_limit_in_bytes".
     *
     * @return the file's name
     */
    String mechanism();

    /** Releases descriptors (v1 notifications); the limits stay as set. */
    @Override
    void close();

    /**
     * "key value" lines (memory.stat, memory.events, memory.oom_control) as a map; absent keys read as -1.
     *
     * @param file the file
     * @return keys to values
     */
    static Map<String, Long> keyed(Path file) {
        Map<String, Long> values = new HashMap<>();
        for (String line : lines(file)) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2) {
                try {
                    values.put(kv[0], Long.parseLong(kv[1]));
                } catch (NumberFormatException ignored) {
                    // a key with a non-numeric value: not one the tuner reads
                }
            }
        }
        return values;
    }

    /**
     * Reads a file holding one number, {@code max} reading as {@link Long#MAX_VALUE}.
     *
     * @param file the file
     * @return the number
     * @throws TuningException if it cannot be read or is not a number
     */
    static long number(Path file) {
        String text = String.join("", lines(file)).strip();
        if (text.equals("max")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TuningException("cannot read " + file + ": '" + text + "' is not a number");
        }
    }

    /**
     * Reads a cgroup file's lines.
     *
     * @param file the file
     * @return the lines
     * @throws TuningException if it cannot be read
     */
    static java.util.List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new TuningException("cannot read " + file + ": " + reason(e), e);
        }
    }

    /**
     * Writes a value to a cgroup file (opened for writing only, as the kernel expects).
     *
     * @param file the file
     * @param value the text
     * @throws TuningException if the kernel refuses it
     */
    static void write(Path file, String value) {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TuningException("cannot write '" + value + "' to " + file + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
