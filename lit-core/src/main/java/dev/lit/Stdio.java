package dev.lit;

import java.io.InputStream;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a container's standard streams come from and go to, in the spirit of
 * {@link ProcessBuilder.Redirect}.
 *
 * @param stdin  what the container reads
 * @param stdout where its standard output goes
 * @param stderr where its standard error goes
 */
public record Stdio(Input stdin, Output stdout, Output stderr) {

    /** The default for a library: no input, both outputs captured into the {@link RunResult}. */
    public static final Stdio CAPTURE = new Stdio(new Input.Empty(), new Output.Capture(), new Output.Capture());
    /** The default for a terminal: the JVM's own streams. */
    public static final Stdio INHERIT = new Stdio(new Input.Inherit(), new Output.Inherit(), new Output.Inherit());

    /**
     * Checks that a terminal is all three streams or none.
     *
     * @throws InvalidSpecException if only some streams are a terminal
     */
    public Stdio {
        boolean any = stdin instanceof Input.Terminal || stdout instanceof Output.Terminal || stderr instanceof Output.Terminal;
        if (any && !(stdin instanceof Input.Terminal && stdout instanceof Output.Terminal && stderr instanceof Output.Terminal)) {
            throw new InvalidSpecException("stdio", "a terminal is all three streams or none: use Stdio.tty()");
        }
    }

    /**
     * A pseudo-terminal: the command's stdin, stdout and stderr are its terminal end (and its
     * controlling terminal); the caller reads and writes the other end through
     * {@code stdin()} and {@code stdout()} of the handle, and sets the window size with
     * {@code resizeTty}. Output and errors arrive together, as on a terminal.
     *
     * @return the terminal streams
     */
    public static Stdio tty() {
        return new Stdio(new Input.Terminal(), new Output.Terminal(), new Output.Terminal());
    }

    /**
     * Whether the streams are a pseudo-terminal ({@link #tty()}).
     *
     * @return true if all three streams are the terminal
     */
    public boolean isTerminal() {
        return stdin instanceof Input.Terminal;
    }

    /**
     * A copy with another standard input.
     *
     * @param value the source
     * @return the new streams
     */
    public Stdio withStdin(Input value) {
        return new Stdio(value, stdout, stderr);
    }

    /**
     * A copy with another standard output.
     *
     * @param value the destination
     * @return the new streams
     */
    public Stdio withStdout(Output value) {
        return new Stdio(stdin, value, stderr);
    }

    /**
     * A copy with another standard error.
     *
     * @param value the destination
     * @return the new streams
     */
    public Stdio withStderr(Output value) {
        return new Stdio(stdin, stdout, value);
    }

    /** A source for the container's standard input. */
    public sealed interface Input {
        /** /dev/null: reads see end of file at once. */
        record Empty() implements Input {
        }

        /** The JVM's own standard input. */
        record Inherit() implements Input {
        }

        /**
         * These bytes, then end of file.
         *
         * @param data the bytes, copied
         */
        record Bytes(byte[] data) implements Input {
            /** Copies the bytes, so the input cannot change. */
            public Bytes {
                data = data.clone();
            }

            /**
             * The bytes.
             *
             * @return a copy
             */
            @Override
            public byte[] data() {
                return data.clone();
            }
        }

        /**
         * A stream opened at start and copied in on a background thread, then end of file.
         *
         * @param source called once, at start, for the stream to copy
         */
        record Stream(Supplier<InputStream> source) implements Input {
        }

        /** A pipe the caller writes through {@link Container#stdin()}. */
        record Pipe() implements Input {
        }

        /** The pseudo-terminal of {@link Stdio#tty()}. */
        record Terminal() implements Input {
        }
    }

    /** A destination for one of the container's output streams. */
    public sealed interface Output {
        /** The JVM's own stdout or stderr. */
        record Inherit() implements Output {
        }

        /** /dev/null. */
        record Discard() implements Output {
        }

        /** Kept in memory and returned in the {@link RunResult}. */
        record Capture() implements Output {
        }

        /** A pipe the caller reads through {@link Container#stdout()} or {@link Container#stderr()}. */
        record Pipe() implements Output {
        }

        /**
         * Each line (without its terminator) handed to a consumer on a background thread.
         *
         * @param consumer called with each line, in order
         */
        record Lines(Consumer<String> consumer) implements Output {
        }

        /** The pseudo-terminal of {@link Stdio#tty()}. */
        record Terminal() implements Output {
        }
    }

    /**
     * No input: /dev/null.
     *
     * @return the source
     */
    public static Input emptyInput() {
        return new Input.Empty();
    }

    /**
     * The JVM's own standard input.
     *
     * @return the source
     */
    public static Input inheritInput() {
        return new Input.Inherit();
    }

    /**
     * These bytes, then end of file.
     *
     * @param data the bytes, copied
     * @return the source
     */
    public static Input bytes(byte[] data) {
        return new Input.Bytes(data);
    }

    /**
     * This text in UTF-8, then end of file.
     *
     * @param text the text
     * @return the source
     */
    public static Input text(String text) {
        return new Input.Bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A stream opened at start and copied in on a background thread.
     *
     * @param source called once, at start
     * @return the source
     */
    public static Input from(Supplier<InputStream> source) {
        return new Input.Stream(source);
    }

    /**
     * A pipe the caller writes through {@link Container#stdin()}.
     *
     * @return the source
     */
    public static Input pipeInput() {
        return new Input.Pipe();
    }

    /**
     * The JVM's own stdout or stderr.
     *
     * @return the destination
     */
    public static Output inherit() {
        return new Output.Inherit();
    }

    /**
     * Discarded: /dev/null.
     *
     * @return the destination
     */
    public static Output discard() {
        return new Output.Discard();
    }

    /**
     * Kept in memory and returned in the {@link RunResult}.
     *
     * @return the destination
     */
    public static Output capture() {
        return new Output.Capture();
    }

    /**
     * A pipe the caller reads through {@link Container#stdout()} or {@link Container#stderr()}.
     *
     * @return the destination
     */
    public static Output pipe() {
        return new Output.Pipe();
    }

    /**
     * Each line, without its terminator, handed to {@code consumer} on a background thread.
     *
     * @param consumer called with each line, in order
     * @return the destination
     */
    public static Output lines(Consumer<String> consumer) {
        return new Output.Lines(consumer);
    }
}
