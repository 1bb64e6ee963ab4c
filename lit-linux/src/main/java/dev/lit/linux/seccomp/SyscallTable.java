package dev.lit.linux.seccomp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One architecture's system call numbers, generated from the kernel's UAPI headers by
 * {@code lit-linux/src/main/seccomp-tables/generate.sh} into a resource of this package.
 *
 * @param arch    the table's name: x86_64, i386, x32 or aarch64
 * @param numbers name to number, in number order
 */
public record SyscallTable(String arch, Map<String, Integer> numbers) {

    private static final Map<String, SyscallTable> CACHE = new ConcurrentHashMap<>();

    /** Copies the map, keeping its order. */
    public SyscallTable {
        numbers = Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /**
     * The number of a system call, if this architecture has it.
     *
     * @param name the system call's name
     * @return the number, or empty
     */
    public OptionalInt number(String name) {
        Integer n = numbers.get(name);
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /**
     * The name of a number, if any.
     *
     * @param number the number
     * @return the name, or empty
     */
    public Optional<String> name(int number) {
        for (Map.Entry<String, Integer> e : numbers.entrySet()) {
            if (e.getValue() == number) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The highest number in the table (unsigned).
     *
     * @return the number
     */
    public int max() {
        return numbers.values().stream().max(Integer::compareUnsigned).orElse(0);
    }

    static SyscallTable load(String arch) {
        return CACHE.computeIfAbsent(arch, SyscallTable::read);
    }

    private static SyscallTable read(String arch) {
        String resource = arch + ".tbl";
        try (InputStream in = SyscallTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seccomp: system call table " + resource + " is missing from the jar");
            }
            TreeMap<Integer, String> byNumber = new TreeMap<>(Integer::compareUnsigned);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                byNumber.put(Integer.parseUnsignedInt(words[1]), words[0]);
            }
            Map<String, Integer> numbers = new LinkedHashMap<>();
            byNumber.forEach((n, name) -> numbers.put(name, n));
            return new SyscallTable(arch, numbers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
