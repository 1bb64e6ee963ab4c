package dev.lit.config;

import dev.lit.ContainerSpec;
import dev.lit.LitException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A lit.yml file read onto a {@link ContainerSpec}.
 *
 * <pre>{@code
 * RunResult r = Lit.run(LitFile.load(Path.of("lit.yml")).spec());
 * }</pre>
 *
 * Every mistake in the file is a {@link LitFileException} naming its file, line and column.
 * {@code ${VAR}} and {@code ${VAR:-default}} in text values come from the environment;
 * relative host paths resolve against the file's directory.
 *
 * @param file the file read, as it was given (for {@link #parse}, {@code lit.yml} in the base directory)
 * @param spec the container spec the file describes, validated
 */
public record LitFile(Path file, ContainerSpec spec) implements dev.lit.SpecSource {

    public LitFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Reads a lit.yml file, substituting variables from this process's environment.
     *
     * @throws LitFileException if the file is wrong, at the place it is wrong
     * @throws LitException     if it cannot be read at all
     */
    public static LitFile load(Path file) {
        return load(file, System.getenv());
    }

    /** Reads a lit.yml file, substituting variables from {@code environment}. */
    public static LitFile load(Path file, Map<String, String> environment) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new LitException("cannot read " + file + ": it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new LitException("cannot read " + file + ": " + e, e);
        }
        Path directory = file.toAbsolutePath().normalize().getParent();
        return read(yaml, file, directory, environment);
    }

    /**
     * Reads lit.yml text, for tests and for callers that hold the text already. Relative
     * paths resolve against {@code baseDir}; errors name {@code baseDir/lit.yml}.
     */
    public static LitFile parse(String yaml, Path baseDir, Map<String, String> environment) {
        Path directory = baseDir.toAbsolutePath().normalize();
        return read(yaml, directory.resolve("lit.yml"), directory, environment);
    }

    /** A builder holding this file's spec, for callers that override parts of it (the CLI's flags). */
    public ContainerSpec.Builder toBuilder() {
        return spec.toBuilder();
    }

    private static LitFile read(String yaml, Path file, Path directory, Map<String, String> environment) {
        Problems problems = new Problems(file);
        Node root = YamlTreeReader.read(yaml, problems);
        if (root == null) {
            throw problems.at(Location.START, "the file is empty: it needs at least an entrypoint, as in entrypoint: echo hello");
        }
        if (!(root instanceof Node.Mapping)) {
            throw problems.at(root.location(),
                    "the top level must be a mapping of keys such as 'entrypoint' and 'env', not " + root.describe());
        }
        Node.Mapping substituted = (Node.Mapping) new Variables(environment, problems).substitute(root);
        return new LitFile(file, SpecReader.read(substituted, ReadContext.of(problems, directory, environment)));
    }
}
