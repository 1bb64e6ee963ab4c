package dev.lit.cli;

import dev.lit.Base;
import dev.lit.Container;
import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.DetachOptions;
import dev.lit.DetachedContainer;
import dev.lit.RestartPolicy;
import dev.lit.ExitStatus;
import dev.lit.InvalidSpecException;
import dev.lit.Lit;
import dev.lit.LitException;
import dev.lit.Resources;
import dev.lit.Stdio;
import dev.lit.config.LitFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lit run}: runs one container in the foreground, from a lit.yml file or from a base
 * and a command, with Docker's flag names. Exits with the container's status.
 */
@Command(name = "run", sortOptions = false,
        customSynopsis = {
            "lit run [OPTIONS] FILE [CMD [ARG...]]",
            "       lit run [OPTIONS] -f FILE [CMD [ARG...]]",
            "       lit run [OPTIONS] BASE CMD [ARG...]",
            ""},
        description = {
            "Run a container in the foreground, its standard streams connected to this terminal, and exit with its status.",
            "",
            "FILE is a lit.yml file: an argument ending in .yml or .yaml, or any existing file. Flags override what the file says; "
                    + "a CMD after FILE replaces the file's command.",
            "BASE is host (the host's root, read-only under a writable layer), dir:/path (a root filesystem directory) "
                    + "or an image reference. CMD and ARGs follow it; options go before BASE, as with docker run.",
            "",
            "The container is removed when it ends, or when lit is interrupted (Ctrl-C, SIGTERM): --rm is always in effect.",
            "With -d it runs in the background instead, supervised by Lit's monitor: see lit ps, logs, stop, kill and rm."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "<n>:the container's exit code; 128+N when a signal N ended it (137 for the OOM killer)",
            "125:Lit failed: a bad flag, a bad lit.yml, or an error starting the container",
            "126:the command exists but cannot be invoked",
            "127:the command was not found in the container"})
class RunCommand implements Callable<Integer> {
    /** Spec fields as the flags that set them, for validation messages that name a field. */
    private static final Map<String, String> FLAG_OF_FIELD = Map.of(
            "name", "--name",
            "hostname", "--hostname",
            "filesystem.workdir", "--workdir",
            "filesystem.base", "BASE",
            "entrypoint", "--entrypoint",
            "env", "--env",
            "mounts", "--volume/--tmpfs",
            "resources.memory", "--memory",
            "resources.cpu", "--cpus",
            "resources.pids", "--pids-limit");

    private final Stdio stdio;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Option(names = "--rm", description = "Remove the container when it ends. Always in effect without -d; with -d, the container goes at its end instead of being kept for lit logs and lit ps -a.")
    private boolean rm;

    @Option(names = {"-d", "--detach"}, description = "Run the container in the background, supervised by Lit's monitor: print its id and exit. lit ps, logs, stop and rm find it later.")
    private boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "With -d: keep the container's stdin open, for lit attach (and DetachedContainer.stdin()). "
            + "Without -d, lit's stdin is the container's anyway; with -t, what lit reads is typed into the container's terminal.")
    private boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the container a pseudo-terminal as its stdin, stdout and stderr. With -i (-it), "
            + "lit's terminal is put in raw mode while it runs (restored at the end) and its window size follows lit's.")
    private boolean tty;

    @Option(names = "--restart", paramLabel = "POLICY", description = "With -d: no (default), on-failure[:N], always or unless-stopped.")
    private @Nullable String restart;

    @Option(names = "--log-opt", paramLabel = "KEY=VALUE", description = "With -d: max-size=SIZE (default 10m) or max-file=N (default 3): the log's rotation. Repeatable.")
    private List<String> logOpts = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the container from this lit.yml file.")
    private @Nullable Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable; a bare KEY copies its value from lit's environment. Repeatable.")
    private List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Read KEY=VALUE lines (or bare KEYs) from FILE, as Docker does: # comments and blank lines skipped, no quoting. -e wins. Repeatable.")
    private List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "The working directory in the container (absolute).")
    private @Nullable String workdir;

    @Option(names = "--name", paramLabel = "NAME", description = "A name for the container.")
    private @Nullable String name;

    @Option(names = "--hostname", paramLabel = "NAME", description = "The container's host name (default: its id).")
    private @Nullable String hostname;

    @Option(names = {"-m", "--memory"}, paramLabel = "SIZE",
            description = "Memory limit, such as 512M or 1.5G; past it the OOM killer ends the container.")
    private @Nullable String memory;

    @Option(names = "--cpus", paramLabel = "CPUS", description = "CPU limit, such as 2, 0.5 or 500m.")
    private @Nullable String cpus;

    @Option(names = "--pids-limit", paramLabel = "N", description = "The most processes and threads at once; 0 or -1 for no limit.")
    private @Nullable Long pidsLimit;

    @Option(names = "--network", paramLabel = "NETWORK",
            description = "none (its own network namespace with loopback only; the default), host, bridge (the default network 'lit') "
                    + "or a network's name, created on first use. Repeatable to join several networks.")
    private List<String> networks = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]CTR[/udp]",
            description = "Publish a container port on the host, as 8080 (a free host port), 18080:8080 or 127.0.0.1:18080:8080/udp; "
                    + "joins the default bridge network unless --network names one. Repeatable.")
    private List<String> publish = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CTR[:ro]",
            description = "Bind-mount a host path (absolute or ./relative) at CTR, read-only with :ro. Repeatable.")
    private List<String> volumes = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "PATH[:size=SIZE]", description = "Mount an empty tmpfs at PATH. Repeatable.")
    private List<String> tmpfs = new ArrayList<>();

    @Option(names = "--init", negatable = true,
            description = "Run Lit's tiny init as PID 1 to reap zombies and forward signals (the default), or --no-init to run the command as PID 1.")
    private @Nullable Boolean init;

    @Option(names = "--cap-add", paramLabel = "CAP", split = ",", description = "Add a capability to Docker's default 14 (NET_ADMIN, SYS_PTRACE, ...). Repeatable.")
    private List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", split = ",", description = "Remove a capability, or ALL of them. Repeatable.")
    private List<String> capDrop = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "UID[:GID]", description = "Run the command as this numeric user; it gets no capability unless added.")
    private @Nullable String user;

    @Option(names = "--userns", paramLabel = "MODE", description = "host (the default for root) or auto: a private range of 65536 host ids for this container.")
    private @Nullable String userns;

    @Option(names = "--security-opt", paramLabel = "OPT",
            description = "seccomp=unconfined|PROFILE.json, no-new-privileges[=true|false], apparmor=PROFILE, label=LABEL. Repeatable.")
    private List<String> securityOpts = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "EXECUTABLE",
            description = "Run this executable, with CMD and ARGs as its arguments; replaces the file's entrypoint and command.")
    private @Nullable String entrypoint;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|BASE", description = "A lit.yml file, or the base of the root filesystem.")
    private @Nullable String target;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "CMD ARG", description = "The command and its arguments.")
    private List<String> command = new ArrayList<>();

    RunCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    /** {@code lit create} (its subclass): the container is made detached and left unstarted. */
    boolean createOnly() {
        return false;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (tty && (detach || createOnly())) {
            throw usage("-t: a detached container has no terminal yet; run it in the foreground");
        }
        TerminalSession.requireTerminalInput(interactive, tty);
        ContainerSpec containerSpec = containerSpec();
        if (detach || createOnly()) {
            return startDetached(containerSpec);
        }
        if (restart != null || !logOpts.isEmpty()) {
            throw usage((restart != null ? "--restart" : "--log-opt") + " applies to detached containers only: add -d");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (Removal removal = new Removal(start(containerSpec), err)) {
            for (var port : removal.container().ports()) {
                err.println("lit: published " + port);
                err.flush();
            }
            ExitStatus status = tty ? onTerminal(removal.container()) : removal.container().result().status();
            if (status instanceof ExitStatus.OomKilled) {
                var limit = containerSpec.resources().memory();
                err.println("lit: container was killed by the OOM killer" + (limit == null ? "" : " (memory limit " + limit + ")"));
                err.flush();
            }
            return ExitCodes.of(status);
        }
    }

    /** {@code -t}: lit's terminal connected to the container's until it ends. */
    private ExitStatus onTerminal(Container container) throws InterruptedException {
        try (TerminalSession session = TerminalSession.start(container.stdin(), container.stdout(), container::resizeTty, interactive)) {
            ExitStatus status = container.waitFor();
            session.drain(2_000);
            return status;
        }
    }

    /** {@code -d}: starts the container under Lit's monitor, prints its id and leaves it running. */
    private int startDetached(ContainerSpec containerSpec) {
        DetachOptions options = DetachOptions.DEFAULT.withAutoRemove(rm).withStdinOpen(interactive);
        if (restart != null) {
            options = flag("--restart", () -> DetachOptions.DEFAULT.withRestart(RestartPolicy.parse(restart)).withAutoRemove(rm)
                    .withStdinOpen(interactive));
        }
        for (String opt : logOpts) {
            DetachOptions current = options;
            String[] kv = opt.split("=", 2);
            options = flag("--log-opt", () -> switch (kv[0]) {
                case "max-size" -> current.withLogLimit(ByteSize.parse(kv.length > 1 ? kv[1] : ""), current.logMaxFiles());
                case "max-file" -> current.withLogLimit(current.logMaxSize(), Integer.parseInt(kv.length > 1 ? kv[1] : ""));
                default -> throw new IllegalArgumentException("'" + opt + "' is not max-size=SIZE or max-file=N");
            });
        }
        DetachOptions chosen = options;
        DetachedContainer container;
        try {
            container = createOnly() ? Lit.createDetached(containerSpec, chosen) : Lit.startDetached(containerSpec, chosen);
        } catch (InvalidSpecException e) {
            if (litFile() != null) {
                throw e;
            }
            throw new LitException(flagOf(e) + ": " + e.reason(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(container.id());
        out.flush();
        return 0;
    }

    /** Starts the container; a spec the runtime refuses is reported by flag when flags made it. */
    private Container start(ContainerSpec containerSpec) {
        try {
            return Lit.start(containerSpec);
        } catch (InvalidSpecException e) {
            if (litFile() != null) {
                throw e;
            }
            throw new LitException(flagOf(e) + ": " + e.reason(), e);
        }
    }

    /** The spec from the file or the base, with the flags applied over it. */
    ContainerSpec containerSpec() {
        List<String> args = new ArrayList<>(command);
        ContainerSpec.Builder builder;
        Resources resources = Resources.UNLIMITED;
        Path litFile = litFile();
        if (target != null && (file != null || litFile == null)) {
            args.addFirst(target);
        }
        if (litFile != null) {
            if (!Files.exists(litFile)) {
                throw usage(litFile + ": no such file");
            }
            LitFile loaded = LitFile.load(litFile);
            builder = loaded.toBuilder();
            resources = loaded.spec().resources();
        } else {
            if (args.isEmpty()) {
                throw usage("missing FILE or BASE: give a lit.yml file, or a base and a command as in: lit run host /bin/sh");
            }
            String base = args.removeFirst();
            builder = Container.builder();
            Base parsed = flag("BASE", () -> Base.parse(base, Path.of("").toAbsolutePath()));
            builder.base(parsed);
            // An image brings its own command; host and dir: bases need one.
            if (args.isEmpty() && entrypoint == null && !(parsed instanceof Base.Image)) {
                throw usage("missing CMD: say what to run after the base, as in: lit run " + base + " /bin/sh");
            }
        }
        if (entrypoint != null) {
            builder.entrypoint(entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
            builder.command(args);
        } else if (!args.isEmpty()) {
            builder.command(args);
        }
        applyFlags(builder, resources);
        builder.stdio(tty ? Stdio.tty() : stdio);
        try {
            return builder.build();
        } catch (InvalidSpecException e) {
            throw usage(flagOf(e) + ": " + e.reason());
        }
    }

    /** The lit.yml file to read: -f's, or the first argument when it names one; null when a base was given. */
    private @Nullable Path litFile() {
        if (file != null) {
            return file;
        }
        return target != null && isLitFile(target) ? Path.of(target) : null;
    }

    private void applyFlags(ContainerSpec.Builder builder, Resources resources) {
        for (Path envFile : envFiles) {
            for (String assignment : flag("--env-file", () -> FlagValues.envFile(envFile))) {
                flag("--env-file", () -> builder.env(assignment));
            }
        }
        for (String assignment : env) {
            flag("--env", () -> builder.env(assignment));
        }
        if (workdir != null) {
            builder.workdir(workdir);
        }
        if (name != null) {
            builder.name(name);
        }
        if (hostname != null) {
            builder.hostname(hostname);
        }
        Long pids = pidsLimit;
        if (pids != null) {
            flag("--pids-limit", () -> {
                if (pids <= 0) {
                    builder.resources(resources.withPids(null));
                } else {
                    builder.pids(pids);
                }
            });
        }
        String mem = memory;
        if (mem != null) {
            flag("--memory", () -> builder.memory(mem));
        }
        String cpu = cpus;
        if (cpu != null) {
            flag("--cpus", () -> builder.cpus(cpu));
        }
        for (String net : networks) {
            flag("--network", () -> FlagValues.network(builder, net));
        }
        if (!publish.isEmpty() && (networks.contains("none") || networks.contains("host"))) {
            throw usage("--publish: a container with --network none or host has no published ports; use --network bridge or a network's name");
        }
        for (String port : publish) {
            flag("--publish", () -> builder.publish(port));
        }
        for (String volume : volumes) {
            flag("--volume", () -> builder.mount(FlagValues.volume(volume)));
        }
        for (String path : tmpfs) {
            flag("--tmpfs", () -> builder.mount(FlagValues.tmpfs(path)));
        }
        if (init != null) {
            builder.init(init);
        }
        for (String cap : capAdd) {
            flag("--cap-add", () -> builder.capAdd(FlagValues.capability(cap)));
        }
        for (String cap : capDrop) {
            if (cap.equalsIgnoreCase("ALL")) {
                builder.capDropAll();
            } else {
                flag("--cap-drop", () -> builder.capDrop(FlagValues.capability(cap)));
            }
        }
        if (user != null) {
            flag("--user", () -> builder.user(user));
        }
        if (userns != null) {
            flag("--userns", () -> builder.userNamespace(FlagValues.userNamespace(userns)));
        }
        for (String opt : securityOpts) {
            flag("--security-opt", () -> FlagValues.securityOption(builder, opt));
        }
    }

    private static String flagOf(InvalidSpecException e) {
        return FLAG_OF_FIELD.getOrDefault(e.field(), e.field());
    }

    /** A lit.yml file rather than a base: named like one, or an existing file that is not a base's spelling. */
    static boolean isLitFile(String arg) {
        if (arg.endsWith(".yml") || arg.endsWith(".yaml")) {
            return true;
        }
        if (arg.equals("host") || arg.startsWith("dir:")) {
            return false;
        }
        try {
            return Files.isRegularFile(Path.of(arg));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Applies one flag's value; a value the builder refuses becomes a usage error naming the flag. */
    private void flag(String flag, Runnable apply) {
        flag(flag, () -> {
            apply.run();
            return flag;
        });
    }

    /** Reads one flag's value; a value that is refused becomes a usage error naming the flag. */
    private <T> T flag(String flag, Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidSpecException e) {
            throw usage(flag + ": " + e.reason());
        } catch (IllegalArgumentException e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Closes the container when the run ends, however it ends. A failure to clean up is
     * reported but does not replace the container's own exit status.
     */
    private record Removal(Container container, PrintWriter err) implements AutoCloseable {
        @Override
        public void close() {
            try {
                container.close();
            } catch (RuntimeException e) {
                err.println("lit: " + e.getMessage());
                err.flush();
            }
        }
    }
}
