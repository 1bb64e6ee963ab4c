package dev.lit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Everything Lit needs to start a container, immutable. Build one with
 * {@link Container#builder()}; a lit.yml file maps onto the same builder.
 *
 * @param name       a name for people and for {@code lit ps}; null for none
 * @param base       what the root filesystem starts from
 * @param entrypoint the executable and its fixed leading arguments
 * @param command    arguments appended to the entrypoint (Docker's CMD)
 * @param env        the environment, in order
 * @param workdir    the working directory in the container; null for /
 * @param hostname   the container's host name; null for its id
 * @param copies     host files copied into the container's writable layer
 * @param mounts     filesystems mounted over the root
 * @param resources  cgroup limits
 * @param network    the network the container sees
 * @param stdio      where the standard streams go
 * @param init       whether a tiny init runs as PID 1, reaping zombies and forwarding signals to the command
 * @param security   capabilities, seccomp, user namespace and user
 * @param optimize   what the optimizer does while the container runs
 */
public record ContainerSpec(
        @Nullable String name,
        Base base,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> env,
        @Nullable String workdir,
        @Nullable String hostname,
        List<Copy> copies,
        List<Mount> mounts,
        Resources resources,
        NetworkMode network,
        Stdio stdio,
        boolean init,
        Security security,
        Optimize optimize) implements SpecSource {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}");
    private static final Pattern HOSTNAME = Pattern.compile("(?=.{1,64}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*");
    /** The PATH a container gets when its spec sets none, as in Docker. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Copies the collections and checks the fields against each other.
     *
     * @throws InvalidSpecException naming the field that is wrong
     */
    public ContainerSpec {
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        copies = List.copyOf(copies);
        mounts = List.copyOf(mounts);
        if (name != null && !NAME.matcher(name).matches()) {
            throw new InvalidSpecException("name", "'" + name + "' is not a valid name: use letters, digits, '_', '.' and '-', starting with a letter or digit, at most 63 characters");
        }
        if (hostname != null && !HOSTNAME.matcher(hostname).matches()) {
            throw new InvalidSpecException("hostname", "'" + hostname + "' is not a valid host name (RFC 1123, at most 64 characters)");
        }
        if (workdir != null) {
            ContainerPaths.requireAbsolute("filesystem.workdir", workdir);
        }
        if (entrypoint.isEmpty() && command.isEmpty() && !(base instanceof Base.Image)) {
            throw new InvalidSpecException("entrypoint", "nothing to run: set an entrypoint or a command");
        }
        if (!entrypoint.isEmpty() && entrypoint.getFirst().isEmpty()) {
            throw new InvalidSpecException("entrypoint", "the executable cannot be an empty string");
        }
        for (String arg : argv(entrypoint, command)) {
            if (arg.indexOf('\0') >= 0) {
                throw new InvalidSpecException("entrypoint", "an argument cannot contain a NUL character");
            }
        }
        if (optimize.shrinkImage() && !(base instanceof Base.Image)) {
            throw new InvalidSpecException("optimize.shrink_image", "needs an image base (filesystem.base: an image reference), not " + base);
        }
        MemoryTuning tuning = optimize.memoryTuning();
        if (tuning != null && tuning.ceiling() != null && resources.memory() != null
                && tuning.ceiling().compareTo(resources.memory()) > 0) {
            throw new InvalidSpecException("optimize.auto_memory_tune.ceiling", "the ceiling " + tuning.ceiling()
                    + " is above the hard limit resources.memory " + resources.memory());
        }
        env.forEach((key, value) -> {
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw new InvalidSpecException("env", "'" + key + "' is not a valid variable name");
            }
            if (value.indexOf('\0') >= 0) {
                throw new InvalidSpecException("env", key + " has a NUL character in its value");
            }
        });
    }

    private static List<String> argv(List<String> entrypoint, List<String> command) {
        List<String> all = new ArrayList<>(entrypoint);
        all.addAll(command);
        return all;
    }

    /**
     * The full argument vector: entrypoint followed by command.
     *
     * @return a new list, entrypoint then command
     */
    public List<String> argv() {
        return List.copyOf(argv(entrypoint, command));
    }

    /**
     * The environment as {@code KEY=VALUE} strings, with PATH defaulted as Docker does.
     *
     * @return a new list, PATH first unless the spec sets it
     */
    public List<String> envList() {
        List<String> list = new ArrayList<>();
        if (!env.containsKey("PATH")) {
            list.add("PATH=" + DEFAULT_PATH);
        }
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    /** This spec itself. */
    @Override
    public ContainerSpec spec() {
        return this;
    }

    /**
     * A builder that starts from this spec.
     *
     * @return a builder holding this spec's fields
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A fluent, validating builder; {@link #build()} checks the whole spec. */
    public static final class Builder implements SpecSource {
        private @Nullable String name;
        private Base base = Base.host();
        private List<String> entrypoint = List.of();
        private List<String> command = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private @Nullable String workdir;
        private @Nullable String hostname;
        private final List<Copy> copies = new ArrayList<>();
        private final List<Mount> mounts = new ArrayList<>();
        private Resources resources = Resources.UNLIMITED;
        private NetworkMode network = NetworkMode.none();
        /** Whether a network was named, so the first named one replaces the implied default. */
        private boolean explicitNetwork;
        private Stdio stdio = Stdio.CAPTURE;
        private boolean init = true;
        private Security security = Security.DEFAULT;
        private Optimize optimize = Optimize.NONE;

        Builder() {
        }

        private Builder(ContainerSpec spec) {
            name = spec.name;
            base = spec.base;
            entrypoint = spec.entrypoint;
            command = spec.command;
            env.putAll(spec.env);
            workdir = spec.workdir;
            hostname = spec.hostname;
            copies.addAll(spec.copies);
            mounts.addAll(spec.mounts);
            resources = spec.resources;
            network = spec.network;
            explicitNetwork = spec.network instanceof NetworkMode.Bridge;
            stdio = spec.stdio;
            init = spec.init;
            security = spec.security;
            optimize = spec.optimize;
        }

        /**
         * The container's name, for people and {@code lit ps}; null for none.
         *
         * @param value a name: letters, digits, '_', '.' and '-', at most 63 characters
         * @return this builder
         */
        public Builder name(@Nullable String value) {
            name = value;
            return this;
        }

        /**
         * What the root filesystem starts from.
         *
         * @param value the base; {@link Base#host()} unless set
         * @return this builder
         */
        public Builder base(Base value) {
            base = value;
            return this;
        }

        /**
         * {@code host}, {@code dir:/path} or an image reference; see {@link Base#parse}.
         *
         * @param value the base in its lit.yml form; a relative {@code dir:} path is resolved against the
         *     working directory
         * @return this builder
         */
        public Builder base(String value) {
            base = Base.parse(value, Path.of("").toAbsolutePath());
            return this;
        }

        /**
         * The entrypoint as one string, split into words as a shell would (quotes work, no expansions).
         *
         * @param commandLine the executable and its leading arguments
         * @return this builder
         * @throws InvalidSpecException if it has no word or its quotes are unbalanced
         */
        public Builder entrypoint(String commandLine) {
            List<String> words = ShellWords.split("entrypoint", commandLine);
            if (words.isEmpty()) {
                throw new InvalidSpecException("entrypoint", "is empty");
            }
            entrypoint = words;
            return this;
        }

        /**
         * The entrypoint as words, used as they are.
         *
         * @param words the executable and its leading arguments
         * @return this builder
         */
        public Builder entrypoint(List<String> words) {
            entrypoint = List.copyOf(words);
            return this;
        }

        /**
         * The command (Docker's CMD): arguments appended to the entrypoint, or the whole argument vector when
         * there is none.
         *
         * @param args the arguments, as they are
         * @return this builder
         */
        public Builder command(String... args) {
            command = List.of(args);
            return this;
        }

        /**
         * The command (Docker's CMD) as one string, split into words as a shell would; blank means none.
         *
         * @param commandLine the arguments in one string
         * @return this builder
         * @throws InvalidSpecException if its quotes are unbalanced
         */
        public Builder commandLine(String commandLine) {
            command = ShellWords.split("command", commandLine);
            return this;
        }

        /**
         * The command (Docker's CMD) as a list; see {@link #command(String...)}.
         *
         * @param args the arguments, as they are
         * @return this builder
         */
        public Builder command(List<String> args) {
            command = List.copyOf(args);
            return this;
        }

        /**
         * Sets one environment variable, replacing an earlier value.
         *
         * @param key the variable's name
         * @param value its value
         * @return this builder
         */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /**
         * Sets these environment variables, in the map's order, replacing earlier values.
         *
         * @param values names to values
         * @return this builder
         */
        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /**
         * Adds {@code KEY=VALUE}; a bare {@code KEY} takes its value from this JVM's environment, as
         * {@code docker run -e KEY} does.
         *
         * @param assignment {@code KEY=VALUE} or {@code KEY}
         * @return this builder
         * @throws InvalidSpecException if the name is empty
         */
        public Builder env(String assignment) {
            int eq = assignment.indexOf('=');
            if (eq < 0) {
                String value = System.getenv(assignment);
                if (value != null) {
                    env.put(assignment, value);
                }
            } else if (eq == 0) {
                throw new InvalidSpecException("env", "'" + assignment + "' has no variable name");
            } else {
                env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
            return this;
        }

        /**
         * The working directory of the command.
         *
         * @param value an absolute path in the container; null for /
         * @return this builder
         */
        public Builder workdir(@Nullable String value) {
            workdir = value;
            return this;
        }

        /**
         * The container's host name (its UTS namespace).
         *
         * @param value an RFC 1123 host name; null for the container's id
         * @return this builder
         */
        public Builder hostname(@Nullable String value) {
            hostname = value;
            return this;
        }

        /**
         * Copies a host file or directory into the container's writable layer before the command starts.
         *
         * @param source the host path, made absolute
         * @param target the absolute path in the container
         * @return this builder
         */
        public Builder copy(Path source, String target) {
            copies.add(new Copy(source.toAbsolutePath().normalize(), target));
            return this;
        }

        /**
         * Adds a copy into the container's writable layer.
         *
         * @param value what to copy where
         * @return this builder
         */
        public Builder copy(Copy value) {
            copies.add(value);
            return this;
        }

        /**
         * Adds a mount over the root filesystem; mounts apply in the order added.
         *
         * @param value the mount
         * @return this builder
         */
        public Builder mount(Mount value) {
            mounts.add(value);
            return this;
        }

        /**
         * Replaces all mounts with these.
         *
         * @param values the mounts
         * @return this builder
         */
        public Builder mounts(List<Mount> values) {
            mounts.clear();
            mounts.addAll(values);
            return this;
        }

        /**
         * Replaces all cgroup limits at once.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder resources(Resources value) {
            resources = value;
            return this;
        }

        /**
         * A cpu limit such as "2", "0.5" or "500m".
         *
         * @param value the limit, in cpus or millicpus
         * @return this builder
         * @throws InvalidSpecException if it does not parse
         */
        public Builder cpus(String value) {
            resources = resources.withCpu(parse("resources.cpu", () -> CpuLimit.parse(value)));
            return this;
        }

        /**
         * A memory limit such as "512M" or "1.5Gi".
         *
         * @param value a size with a decimal or binary unit suffix
         * @return this builder
         * @throws InvalidSpecException if it does not parse
         */
        public Builder memory(String value) {
            resources = resources.withMemory(parse("resources.memory", () -> ByteSize.parse(value)));
            return this;
        }

        /**
         * A soft memory limit such as "256M": throttling and reclaim past it, never the OOM killer.
         *
         * @param value a size with a decimal or binary unit suffix
         * @return this builder
         * @throws InvalidSpecException if it does not parse
         */
        public Builder memoryHigh(String value) {
            resources = resources.withMemoryHigh(parse("resources.memory_high", () -> ByteSize.parse(value)));
            return this;
        }

        /**
         * A relative cpu weight under contention, 1 to 10000 (100 is the default share).
         *
         * @param value the weight
         * @return this builder
         */
        public Builder cpuWeight(int value) {
            resources = resources.withCpuWeight(value);
            return this;
        }

        /**
         * The most processes and threads the container may have at once (the pids cgroup).
         *
         * @param value the limit
         * @return this builder
         */
        public Builder pids(long value) {
            resources = resources.withPids(value);
            return this;
        }

        /**
         * Replaces the network mode: none, host, or bridge networks with their published ports.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder network(NetworkMode value) {
            network = value;
            return this;
        }

        /**
         * Joins the bridge network {@code name} under these extra host names; called again, joins
         * one more network (the first one joined gives the default route). Ports published so far stay.
         *
         * @param name the bridge network's name
         * @param aliases extra names the container answers to on it
         * @return this builder
         * @throws InvalidSpecException if the container uses the host network
         */
        public Builder network(String name, String... aliases) {
            NetworkAttachment attachment = new NetworkAttachment(name, java.util.List.of(aliases));
            network = switch (network) {
                case NetworkMode.Bridge b -> b.withNetwork(attachment, !explicitNetwork);
                case NetworkMode.None n -> new NetworkMode.Bridge(java.util.List.of(attachment), java.util.List.of());
                case NetworkMode.Host h -> throw new InvalidSpecException("network", "a host-network container joins no bridge network");
            };
            explicitNetwork = true;
            return this;
        }

        /**
         * Publishes {@code containerPort}/tcp on a free host port on every address, as
         * {@code docker run -p 8080}; read which with {@link Container#mappedPort(int)}. A container
         * without a network joins the default bridge network.
         *
         * @param containerPort the TCP port in the container
         * @return this builder
         * @throws InvalidSpecException if the container uses the host network
         */
        public Builder expose(int containerPort) {
            return publish(PortMapping.of(containerPort));
        }

        /**
         * Publishes a port in Docker's form: {@code 8080}, {@code 18080:8080},
         * {@code 127.0.0.1:18080:8080/udp}; see {@link PortMapping#parse}.
         *
         * @param mapping the mapping in Docker's syntax
         * @return this builder
         * @throws InvalidSpecException if the container uses the host network
         */
        public Builder publish(String mapping) {
            return publish(PortMapping.parse(mapping));
        }

        /**
         * Publishes a port; a container without a network joins the default bridge network.
         *
         * @param mapping the mapping
         * @return this builder
         * @throws InvalidSpecException if the container uses the host network
         */
        public Builder publish(PortMapping mapping) {
            network = switch (network) {
                case NetworkMode.Bridge b -> b.withPort(mapping);
                case NetworkMode.None n -> NetworkMode.bridge().withPort(mapping);
                case NetworkMode.Host h -> throw new InvalidSpecException("network.expose", "a host-network container uses the host's ports directly; nothing to publish");
            };
            return this;
        }

        /**
         * Where all three standard streams go.
         *
         * @param value the streams
         * @return this builder
         */
        public Builder stdio(Stdio value) {
            stdio = value;
            return this;
        }

        /**
         * Where standard input comes from.
         *
         * @param value the source
         * @return this builder
         */
        public Builder stdin(Stdio.Input value) {
            stdio = stdio.withStdin(value);
            return this;
        }

        /**
         * Where standard output goes.
         *
         * @param value the destination
         * @return this builder
         */
        public Builder stdout(Stdio.Output value) {
            stdio = stdio.withStdout(value);
            return this;
        }

        /**
         * Where standard error goes.
         *
         * @param value the destination
         * @return this builder
         */
        public Builder stderr(Stdio.Output value) {
            stdio = stdio.withStderr(value);
            return this;
        }

        /**
         * Whether Lit's tiny init is PID 1 (the default) or the command itself is.
         *
         * @param value true for Lit's init as PID 1
         * @return this builder
         */
        public Builder init(boolean value) {
            init = value;
            return this;
        }

        /** The same as {@link #build()}, so a builder can be passed straight to {@link Lit#run}. */
        @Override
        public ContainerSpec spec() {
            return build();
        }

        /**
         * Replaces all security settings at once.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder security(Security value) {
            security = value;
            return this;
        }

        /**
         * Adds capabilities to the default set, as {@code docker run --cap-add}.
         *
         * @param caps the capabilities to add
         * @return this builder
         */
        public Builder capAdd(Capability... caps) {
            java.util.Set<Capability> add = new java.util.HashSet<>(security.capAdd());
            add.addAll(java.util.List.of(caps));
            security = security.withCapAdd(add);
            return this;
        }

        /**
         * Removes capabilities from the default set, as {@code docker run --cap-drop}.
         *
         * @param caps the capabilities to drop
         * @return this builder
         */
        public Builder capDrop(Capability... caps) {
            java.util.Set<Capability> drop = new java.util.HashSet<>(security.capDrop());
            drop.addAll(java.util.List.of(caps));
            security = security.withCapDrop(drop, security.dropAll());
            return this;
        }

        /**
         * Starts from no capability at all, as {@code --cap-drop ALL}.
         *
         * @return this builder
         */
        public Builder capDropAll() {
            security = security.withCapDrop(security.capDrop(), true);
            return this;
        }

        /**
         * Runs the command as this numeric user ("1000" or "1000:1000").
         *
         * @param value the user; null for the image's user, or root
         * @return this builder
         */
        public Builder user(@Nullable String value) {
            security = security.withUser(value);
            return this;
        }

        /**
         * The seccomp filter: Lit's default profile, none, or a profile file.
         *
         * @param value the filter
         * @return this builder
         */
        public Builder seccomp(Security.Seccomp value) {
            security = security.withSeccomp(value);
            return this;
        }

        /**
         * Whether and how the container gets its own user namespace.
         *
         * @param value the user namespace mode
         * @return this builder
         */
        public Builder userNamespace(Security.UserNamespace value) {
            security = security.withUserNamespace(value);
            return this;
        }

        /**
         * An AppArmor profile; starting fails clearly on a host without AppArmor.
         *
         * @param value the profile's name; null for none
         * @return this builder
         */
        public Builder apparmorProfile(@Nullable String value) {
            security = security.withApparmorProfile(value);
            return this;
        }

        /**
         * An SELinux process label; starting fails clearly on a host without SELinux.
         *
         * @param value the label; null for none
         * @return this builder
         */
        public Builder selinuxLabel(@Nullable String value) {
            security = security.withSelinuxLabel(value);
            return this;
        }

        /**
         * Whether the command and its children are barred from gaining privileges through setuid files or
         * file capabilities ({@code PR_SET_NO_NEW_PRIVS}).
         *
         * @param value true to set the flag
         * @return this builder
         */
        public Builder noNewPrivileges(boolean value) {
            security = security.withNoNewPrivileges(value);
            return this;
        }

        /**
         * What the optimizer does while the container runs.
         *
         * @param value the optimizer's settings
         * @return this builder
         */
        public Builder optimize(Optimize value) {
            optimize = value;
            return this;
        }

        /**
         * Turns automatic memory tuning on with default parameters, or off.
         *
         * @param on true for tuning with {@link MemoryTuning#DEFAULTS}, false for none
         * @return this builder
         */
        public Builder autoMemoryTune(boolean on) {
            optimize = optimize.withMemoryTuning(on ? MemoryTuning.DEFAULTS : null);
            return this;
        }

        /**
         * Turns automatic memory tuning on with these parameters.
         *
         * @param parameters the tuning's parameters
         * @return this builder
         */
        public Builder autoMemoryTune(MemoryTuning parameters) {
            optimize = optimize.withMemoryTuning(parameters);
            return this;
        }

        /**
         * Builds a slim copy of the image in the background after the start, for later starts of it.
         *
         * @param on true to build the slim image
         * @return this builder
         */
        public Builder shrinkImage(boolean on) {
            optimize = optimize.withShrinkImage(on);
            return this;
        }

        /**
         * Sets the {@code shrink_image} level, for example {@code ShrinkImage.aggressive("python -c 'import app'")}.
         *
         * @param level the level and, for the aggressive one, its check command
         * @return this builder
         */
        public Builder shrinkImage(ShrinkImage level) {
            optimize = optimize.withShrink(level);
            return this;
        }

        /**
         * Checks the whole spec and makes it immutable.
         *
         * @return the spec
         * @throws InvalidSpecException naming the first field that is wrong
         */
        public ContainerSpec build() {
            return new ContainerSpec(name, base, entrypoint, command, env, workdir, hostname, copies, mounts,
                    resources, network, stdio, init, security, optimize);
        }

        private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
            try {
                return parser.get();
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException(field, e.getMessage());
            }
        }
    }
}
