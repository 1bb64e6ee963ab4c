package dev.lit.linux.monitor;

import dev.lit.Capability;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.LitException;
import dev.lit.Security;
import dev.lit.linux.plan.Namespace;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What an exec into a detached container takes from the container's spec, which only the JVM
 * that started it knew: its environment, working directory, confinement, whether Lit's init is
 * its PID 1, and the namespaces to join. Recorded as {@code exec} in its state directory.
 *
 * @param env        the container's environment, as KEY=VALUE
 * @param workdir    its working directory, or null for /
 * @param init       whether Lit's init is PID 1
 * @param security   its confinement, which an exec gets too
 * @param namespaces the namespaces it was created with
 */
public record ExecProfile(List<String> env, @Nullable String workdir, boolean init, Security security, Set<Namespace> namespaces) {
    /** The file's name in the container's state directory. */
    public static final String FILE = "exec";

    public ExecProfile {
        env = List.copyOf(env);
        namespaces = Set.copyOf(namespaces);
    }

    /**
     * The profile of a container about to be detached.
     *
     * @param spec       its effective spec
     * @param namespaces the namespaces it is created with
     * @return what an exec needs of them
     */
    public static ExecProfile of(ContainerSpec spec, Set<Namespace> namespaces) {
        return new ExecProfile(spec.envList(), spec.workdir(), spec.init(), spec.security(), namespaces);
    }

    /**
     * A spec carrying just what {@code ExecPlanner} and {@code ExecLauncher} read of the container's.
     *
     * @return the environment, working directory, init flag and confinement as a spec
     */
    public ContainerSpec containerSpec() {
        ContainerSpec.Builder b = Container.builder().command("/bin/true").init(init).workdir(workdir).security(security);
        env.forEach(b::env);
        return b.build();
    }

    /**
     * Writes the profile as {@link #FILE} into the container's directory.
     *
     * @param containerDir the container's state directory
     */
    public void save(Path containerDir) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < env.size(); i++) {
            line(text, "env." + i, env.get(i));
        }
        if (workdir != null) {
            line(text, "workdir", workdir);
        }
        line(text, "init", Boolean.toString(init));
        line(text, "namespaces", namespaces.stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        line(text, "cap.add", security.capAdd().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        line(text, "cap.drop", security.capDrop().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        line(text, "cap.dropall", Boolean.toString(security.dropAll()));
        line(text, "nonewprivileges", Boolean.toString(security.noNewPrivileges()));
        line(text, "seccomp", switch (security.seccomp()) {
            case Security.Seccomp.Default d -> "default";
            case Security.Seccomp.Unconfined u -> "unconfined";
            case Security.Seccomp.Profile(Path file) -> "profile:" + file;
        });
        line(text, "userns", security.userNamespace().name());
        optional(text, "user", security.user());
        optional(text, "apparmor", security.apparmorProfile());
        optional(text, "selinux", security.selinuxLabel());
        try {
            Files.writeString(containerDir.resolve(FILE), text);
        } catch (IOException e) {
            throw new LitException("cannot write " + containerDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the recorded profile.
     *
     * @param containerDir the container's state directory
     * @return the profile; empty for a container started before profiles were recorded, or removed
     */
    public static Optional<ExecProfile> read(Path containerDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(containerDir.resolve(FILE))) {
            p.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> env = new ArrayList<>();
        for (int i = 0; p.containsKey("env." + i); i++) {
            env.add(p.getProperty("env." + i));
        }
        Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        words(p, "namespaces").forEach(w -> namespaces.add(Namespace.valueOf(w)));
        String seccomp = p.getProperty("seccomp", "default");
        Security security = new Security(capabilities(p, "cap.add"), capabilities(p, "cap.drop"),
                Boolean.parseBoolean(p.getProperty("cap.dropall")), Boolean.parseBoolean(p.getProperty("nonewprivileges", "true")),
                seccomp.equals("unconfined") ? new Security.Seccomp.Unconfined()
                        : seccomp.startsWith("profile:") ? new Security.Seccomp.Profile(Path.of(seccomp.substring("profile:".length())))
                        : new Security.Seccomp.Default(),
                Security.UserNamespace.valueOf(p.getProperty("userns", "HOST")),
                p.getProperty("user"), p.getProperty("apparmor"), p.getProperty("selinux"));
        return Optional.of(new ExecProfile(env, p.getProperty("workdir"), Boolean.parseBoolean(p.getProperty("init", "true")),
                security, namespaces));
    }

    private static Set<Capability> capabilities(Properties p, String key) {
        Set<Capability> caps = new LinkedHashSet<>();
        words(p, key).forEach(w -> caps.add(Capability.valueOf(w)));
        return caps;
    }

    private static List<String> words(Properties p, String key) {
        String value = p.getProperty(key, "");
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    private static void optional(StringBuilder text, String key, @Nullable String value) {
        if (value != null) {
            line(text, key, value);
        }
    }

    /** One Properties line, escaped so that Properties.load reads the value back as it was. */
    private static void line(StringBuilder text, String key, String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                default -> escaped.append(c);
            }
        }
        // a leading blank would be dropped as separator whitespace
        if (!escaped.isEmpty() && escaped.charAt(0) == ' ') {
            escaped.replace(0, 1, "\\ ");
        }
        text.append(key).append('=').append(escaped).append('\n');
    }
}
