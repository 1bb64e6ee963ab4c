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

    /**
     * Copies the collections and checks the fields.
     *
     * @throws InvalidSpecException naming the field that is wrong
     */
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

    /**
     * Whether the command gets a pseudo-terminal.
     *
     * @return true with {@link Stdio#tty()}
     */
    public boolean tty() {
        return stdio.isTerminal();
    }

    /**
     * A builder for this command.
     *
     * @param command the executable and its arguments
     * @return a new builder
     */
    public static Builder builder(String... command) {
        return new Builder().command(List.of(command));
    }

    /**
     * A builder for this command.
     *
     * @param command the executable and its arguments
     * @return a new builder
     */
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

        /**
         * The executable and its arguments.
         *
         * @param value the words, as they are
         * @return this builder
         */
        public Builder command(List<String> value) {
            command = new ArrayList<>(value);
            return this;
        }

        /**
         * Adds or replaces one environment variable.
         *
         * @param name the variable's name
         * @param value its value
         * @return this builder
         */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /**
         * Adds or replaces these environment variables.
         *
         * @param values names to values
         * @return this builder
         */
        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /**
         * The working directory.
         *
         * @param value an absolute path in the container; null for the container's working directory
         * @return this builder
         */
        public Builder workdir(@Nullable String value) {
            workdir = value;
            return this;
        }

        /**
         * The user to run as.
         *
         * @param value "uid" or "uid:gid"; null for the container's user
         * @return this builder
         */
        public Builder user(@Nullable String value) {
            user = value;
            return this;
        }

        /**
         * Where the command's streams go.
         *
         * @param value the streams
         * @return this builder
         */
        public Builder stdio(Stdio value) {
            stdio = value;
            return this;
        }

        /**
         * A pseudo-terminal for stdin, stdout and stderr ({@link Stdio#tty()}), or back to the default.
         *
         * @param value true for a terminal, false for the default
         * @return this builder
         */
        public Builder tty(boolean value) {
            stdio = value ? Stdio.tty() : Stdio.CAPTURE;
            return this;
        }

        /**
         * Checks the spec.
         *
         * @return the spec
         * @throws InvalidSpecException naming the field that is wrong
         */
        public ExecSpec build() {
            return new ExecSpec(command, env, workdir, user, stdio);
        }
    }
}
