package dev.lit.linux.testing;

import dev.lit.DetachedContainer;
import dev.lit.Lit;
import dev.lit.linux.LinuxRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The detached containers a test made: removed after it, then checked to have left nothing. */
public final class DetachedContainers {
    private final List<DetachedContainer> made = new ArrayList<>();

    /** Remembers {@code c} for {@link #removeAllAndCheck()}. */
    public void add(DetachedContainer c) {
        made.add(c);
    }

    /** The container's state directory. */
    public static Path dir(DetachedContainer c) {
        return ((LinuxRuntime) Lit.runtime()).stateRoot().containers().resolve(c.id());
    }

    /** Force-removes those still there, then asserts nothing of any of them is left. */
    public void removeAllAndCheck() throws InterruptedException {
        for (DetachedContainer c : made) {
            if (Files.isDirectory(dir(c))) {
                c.forceRemove();
            }
        }
        Leaks.assertNoneOf(made.stream().map(DetachedContainer::id).toList());
    }
}
