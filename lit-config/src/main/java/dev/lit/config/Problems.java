package dev.lit.config;

import dev.lit.InvalidSpecException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Makes the {@link LitFileException}s of one file, and turns builder failures into them. */
final class Problems {
    private final Path file;

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    LitFileException at(Location location, String message) {
        return at(location, message, null);
    }

    LitFileException at(Location location, String message, @Nullable Throwable cause) {
        return new LitFileException(file, location.line(), location.column(), message, cause);
    }

    LitFileException notSupportedYet(Location location, String feature, String why) {
        return at(location, feature + " is not supported yet (" + why + ")");
    }

    /**
     * Runs a builder call for the value at {@code location}, so that its validation
     * failure is reported there. {@code path} names the value for failures that carry no
     * field of their own (the parsers' {@link IllegalArgumentException}s).
     */
    <T> T check(Location location, String path, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidSpecException | IllegalArgumentException e) {
            throw translate(location, path, e);
        }
    }

    void check(Location location, String path, Runnable call) {
        try {
            call.run();
        } catch (InvalidSpecException | IllegalArgumentException e) {
            throw translate(location, path, e);
        }
    }

    private LitFileException translate(Location location, String path, RuntimeException e) {
        String message = e instanceof InvalidSpecException ? e.getMessage() : path + ": " + e.getMessage();
        return at(location, message, e);
    }
}
