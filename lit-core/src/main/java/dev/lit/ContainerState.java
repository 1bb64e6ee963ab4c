package dev.lit;

/** Where a container is in its life, as {@link Container#state()} reports it. */
public enum ContainerState {
    /** Set up, its command not yet executed. */
    CREATED,
    /** Its command runs. */
    RUNNING,
    /** Frozen by the cgroup freezer ({@link Container#pause()}): no process of it gets CPU time. */
    PAUSED,
    /** PID 1 has ended. */
    EXITED
}
