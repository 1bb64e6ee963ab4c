package dev.lit.config;

import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import dev.lit.NetworkAttachment;
import dev.lit.LitException;
import dev.lit.compose.Application;
import dev.lit.compose.ServiceSpec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Checks that neither field is null.
     *
     * @throws NullPointerException if one is
     */
    public LitFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Reads a lit.yml file, substituting variables from this process's environment.
     *
     * @throws LitFileException if the file is wrong, at the place it is wrong
     * @throws LitException     if it cannot be read at all
     * @param file the lit.yml file; relative host paths in it resolve against its directory
     * @return the file and its spec
     */
    public static LitFile load(Path file) {
        return load(file, System.getenv());
    }

    /**
     * Reads a lit.yml file, substituting variables from {@code environment}.
     *
     * @param file the lit.yml file; relative host paths in it resolve against its directory
     * @param environment the variables {@code ${VAR}} reads
     * @return the file and its spec
     * @throws LitFileException if the file is wrong, at the place it is wrong
     * @throws LitException if it cannot be read at all
     */
    public static LitFile load(Path file, Map<String, String> environment) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        return read(text(file), file, directory, environment);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new LitException("cannot read " + file + ": it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new LitException("cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Reads lit.yml text, for tests and for callers that hold the text already. Relative
     * paths resolve against {@code baseDir}; errors name {@code baseDir/lit.yml}.
     *
     * @param yaml the text
     * @param baseDir the directory the text stands in
     * @param environment the variables {@code ${VAR}} reads
     * @return the file and its spec
     * @throws LitFileException if the text is wrong, at the place it is wrong
     */
    public static LitFile parse(String yaml, Path baseDir, Map<String, String> environment) {
        Path directory = baseDir.toAbsolutePath().normalize();
        return read(yaml, directory.resolve("lit.yml"), directory, environment);
    }

    /**
     * Reads a lit.yml file as an application: its {@code services:}, or, for a file with one
     * container, an application of that one service (named after the file's {@code name}, else
     * {@code main}). The application is named by the file's {@code name}, else its directory.
     *
     * @param file the lit.yml file
     * @return the application it describes, checked
     * @throws LitFileException if the file is wrong, at the place it is wrong
     * @throws LitException     if it cannot be read at all
     */
    public static Application loadApplication(Path file) {
        return loadApplication(file, System.getenv());
    }

    /**
     * {@link #loadApplication(Path)}, substituting variables from a given environment.
     *
     * @param file        the lit.yml file
     * @param environment where {@code ${VAR}} values come from
     * @return the application it describes, checked
     * @throws LitFileException if the file is wrong, at the place it is wrong
     */
    public static Application loadApplication(Path file, Map<String, String> environment) {
        Path directory = file.toAbsolutePath().normalize().getParent();
        return readApplication(text(file), file, directory, environment);
    }

    /**
     * {@link #loadApplication(Path)} from text, for tests and for callers that hold the text already.
     *
     * @param yaml        the lit.yml text
     * @param baseDir     where relative paths resolve; its name is the application's unless the text names one
     * @param environment where {@code ${VAR}} values come from
     * @return the application it describes, checked
     * @throws LitFileException if the text is wrong, at the place it is wrong ({@code baseDir/lit.yml})
     */
    public static Application parseApplication(String yaml, Path baseDir, Map<String, String> environment) {
        Path directory = baseDir.toAbsolutePath().normalize();
        return readApplication(yaml, directory.resolve("lit.yml"), directory, environment);
    }

    /**
     * A builder holding this file's spec, for callers that override parts of it (the CLI's flags).
     *
     * @return a builder holding the spec
     */
    public ContainerSpec.Builder toBuilder() {
        return spec.toBuilder();
    }

    private static LitFile read(String yaml, Path file, Path directory, Map<String, String> environment) {
        Problems problems = new Problems(file);
        Node.Mapping root = root(yaml, problems, environment);
        root.get("services").ifPresent(services -> {
            throw problems.at(services.keyLocation(), "this file describes several services, not one container: "
                    + "bring them up with 'lit up " + file + "' or LitFile.loadApplication");
        });
        return new LitFile(file, SpecReader.read(root, ReadContext.of(problems, directory, environment)));
    }

    private static Application readApplication(String yaml, Path file, Path directory, Map<String, String> environment) {
        Problems problems = new Problems(file);
        Node.Mapping root = root(yaml, problems, environment);
        String defaultName = applicationName(directory);
        if (root.get("services").isPresent()) {
            return ServicesReader.read(root, problems, directory, environment, defaultName);
        }
        ContainerSpec spec = SpecReader.read(root, ReadContext.of(problems, directory, environment));
        String service = spec.name() != null && spec.name().matches("[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?") ? spec.name() : "main";
        Location at = root.get("name").map(e -> e.value().location()).orElse(Location.START);
        ServiceSpec only = problems.check(at, "name", () -> ServiceSpec.builder(service).container(spec.toBuilder().name(null).build()).build());
        Application.Builder app = problems.check(at, "name", () -> Application.builder(spec.name() != null ? spec.name() : defaultName));
        // A one-container file has no top-level networks: the networks it joins are declared with their defaults.
        only.networks().stream().map(NetworkAttachment::network).distinct().forEach(app::network);
        try {
            return app.service(only).build();
        } catch (InvalidSpecException e) {
            // The application's checks name a network as services.S.networks.N or networks.N: point at N in network.networks.
            String network = e.field().replaceFirst("^services\\.[^.]+\\.networks\\.|^networks\\.", "");
            Location where = network.equals(e.field()) ? at : networkLocation(root, network).orElse(at);
            throw problems.at(where, e.getMessage(), e);
        }
    }

    /** Where a one-container file names {@code network} under {@code network.networks}. */
    private static Optional<Location> networkLocation(Node.Mapping root, String network) {
        return root.get("network").map(Node.Entry::value)
                .flatMap(n -> n instanceof Node.Mapping m ? m.get("networks").map(Node.Entry::value) : Optional.empty())
                .flatMap(n -> switch (n) {
                    case Node.Mapping m -> m.get(network).map(Node.Entry::keyLocation);
                    case Node.Sequence list -> list.items().stream()
                            .filter(i -> i instanceof Node.Scalar s && s.text().equals(network)).map(Node::location).findFirst();
                    default -> Optional.empty();
                });
    }

    /** The file's top-level mapping, variables substituted. */
    private static Node.Mapping root(String yaml, Problems problems, Map<String, String> environment) {
        Node root = YamlTreeReader.read(yaml, problems);
        if (root == null) {
            throw problems.at(Location.START, "the file is empty: it needs at least an entrypoint, as in entrypoint: echo hello");
        }
        if (!(root instanceof Node.Mapping)) {
            throw problems.at(root.location(),
                    "the top level must be a mapping of keys such as 'entrypoint' and 'env', not " + root.describe());
        }
        return (Node.Mapping) new Variables(environment, problems).substitute(root);
    }

    /** Docker Compose's default project name: the directory's name, lower case, with what a name cannot hold replaced. */
    static String applicationName(Path directory) {
        Path leaf = directory.getFileName();
        String name = leaf == null ? "" : leaf.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (name.length() > 40) {
            name = name.substring(0, 40);
        }
        return name.isEmpty() ? "app" : name;
    }
}
