package dev.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A command to run inside a running container ({@link Container#exec}): in its namespaces,
 * cgroup and root filesystem, with its environment plus {@code env}, confined as the
 * container's own command is.
 *
 * @param command the argv; the first word is looked up in the container's PATH when it has no slash
 * @param env     variables added to (or replacing) the container's environment
 * @param workdir the working directory inside the container, or null for the container's
 * @param user    "uid" or "uid:gid" to run as, or null for the container's user
 * @param stdio   where the streams go; {@link Stdio#tty()} gives the command a pseudo-terminal
 */
public record ExecSpec(List<String> command, Map<String, String> env, @Nullable String workdir, @Nullable String user, Stdio stdio) {

    public ExecSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        if (command.isEmpty()) {
            throw new InvalidSpecException("exec.command", "is empty: give at least the executable");
        }
        if (command.getFirst().isEmpty()) {
            throw new InvalidSpecException("exec.command", "the executable is an empty string");
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().indexOf('=') >= 0 || e.getKey().indexOf('\0') >= 0 || e.getValue().indexOf('\0') >= 0) {
                throw new InvalidSpecException("exec.env", "'" + e.getKey() + "' is not a valid variable name (non-empty, no '=' or NUL)");
            }
        }
        if (workdir != null && !workdir.startsWith("/")) {
            throw new InvalidSpecException("exec.workdir", "'" + workdir + "' is not an absolute path inside the container");
        }
        if (user != null && !user.matches("\\d+(:\\d+)?")) {
            throw new InvalidSpecException("exec.user", "'" + user + "' is not uid or uid:gid (numeric ids)");
        }
    }

    /** Whether the command gets a pseudo-terminal. */
    public boolean tty() {
        return stdio.isTerminal();
    }

    /** A builder for this command. */
    public static Builder builder(String... command) {
        return new Builder().command(List.of(command));
    }

    /** A builder for this command. */
    public static Builder builder(List<String> command) {
        return new Builder().command(command);
    }

    /** Builds an {@link ExecSpec}; by default input is empty and both outputs are captured. */
    public static final class Builder {
        private List<String> command = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private @Nullable String workdir;
        private @Nullable String user;
        private Stdio stdio = Stdio.CAPTURE;

        Builder() {
        }

        public Builder command(List<String> value) {
            command = new ArrayList<>(value);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder workdir(@Nullable String value) {
            workdir = value;
            return this;
        }

        public Builder user(@Nullable String value) {
            user = value;
            return this;
        }

        public Builder stdio(Stdio value) {
            stdio = value;
            return this;
        }

        /** A pseudo-terminal for stdin, stdout and stderr ({@link Stdio#tty()}), or back to the default. */
        public Builder tty(boolean value) {
            stdio = value ? Stdio.tty() : Stdio.CAPTURE;
            return this;
        }

        public ExecSpec build() {
            return new ExecSpec(command, env, workdir, user, stdio);
        }
    }
}
