package dev.lit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of {@code lit ps}: a container known to this host's state directory, whether a
 * JVM holds it (attached) or Lit's monitor supervises it (detached).
 *
 * @param id        its id
 * @param name      its name, if any
 * @param state     whether it runs
 * @param created   when it was created
 * @param base      what its root filesystem starts from
 * @param command   its command line
 * @param pid       the host pid of its PID 1, 0 when none runs
 * @param detached  whether it outlives the JVM that started it
 * @param exit      how its last run ended, if it did
 * @param restarts  how many times its restart policy restarted it
 */
public record ContainerSummary(String id, @Nullable String name, State state, Instant created, String base, String command,
                               long pid, boolean detached, @Nullable ExitStatus exit, int restarts) {

    /** Where a container is in its life. */
    public enum State {
        /** Created ({@link Lit#createDetached}) and not started yet: everything is prepared, nothing runs. */
        CREATED,
        /** Its command runs. */
        RUNNING,
        /** Its command ended and the restart policy will run it again after the backoff. */
        RESTARTING,
        /** Its command ended for good; the container stays until removed. */
        EXITED
    }
}
