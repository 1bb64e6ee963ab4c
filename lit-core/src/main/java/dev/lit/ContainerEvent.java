package dev.lit;

import java.time.Instant;

/**
 * Something that happened to a container, delivered per container ({@link Container#events()}),
 * for the whole runtime ({@link Lit#events()}) and as a JDK Flight Recorder event.
 */
public sealed interface ContainerEvent {

    /**
     * The container it happened to.
     *
     * @return the container's id
     */
    String containerId();

    /**
     * When it happened.
     *
     * @return the time
     */
    Instant time();

    /**
     * A short lower-case name of the kind, as in JFR recordings and the CLI: "created", "oom", ...
     *
     * @return the kind's name
     */
    String kind();

    /**
     * Its cgroup, writable layer and state directory exist; the command has not been executed yet.
     *
     * @param containerId the container
     * @param time        when it happened
     */
    record Created(String containerId, Instant time) implements ContainerEvent {
        @Override
        public String kind() {
            return "created";
        }
    }

    /**
     * The command was executed as (or under) PID 1, whose host pid this is.
     *
     * @param containerId the container
     * @param time        when it happened
     * @param pid         the host pid of PID 1
     */
    record Started(String containerId, Instant time, long pid) implements ContainerEvent {
        @Override
        public String kind() {
            return "started";
        }
    }

    /**
     * The container was frozen.
     *
     * @param containerId the container
     * @param time        when it happened
     */
    record Paused(String containerId, Instant time) implements ContainerEvent {
        @Override
        public String kind() {
            return "paused";
        }
    }

    /**
     * The container was thawed.
     *
     * @param containerId the container
     * @param time        when it happened
     */
    record Resumed(String containerId, Instant time) implements ContainerEvent {
        @Override
        public String kind() {
            return "resumed";
        }
    }

    /**
     * The kernel's OOM killer ended a process of the container; {@code kills} is the count so far.
     *
     * @param containerId the container
     * @param time        when it happened
     * @param kills       OOM kills in the container so far
     */
    record Oom(String containerId, Instant time, long kills) implements ContainerEvent {
        @Override
        public String kind() {
            return "oom";
        }
    }

    /**
     * PID 1 ended. The last event of a container.
     *
     * @param containerId the container
     * @param time        when it happened
     * @param status      how it ended
     */
    record Died(String containerId, Instant time, ExitStatus status) implements ContainerEvent {
        @Override
        public String kind() {
            return "died";
        }
    }

    /**
     * A service's health check changed its verdict (reserved for services with health checks).
     *
     * @param containerId the container
     * @param time        when it happened
     * @param status      the new verdict, such as "healthy"
     */
    record HealthChanged(String containerId, Instant time, String status) implements ContainerEvent {
        @Override
        public String kind() {
            return "health";
        }
    }

    /**
     * An event another part of Lit (or the embedding program) emits about a container, such
     * as a tuning step of the optimizer.
     *
     * @param containerId the container
     * @param time        when it happened
     * @param name        a short lower-case name, such as "tuned"
     * @param reason      why, in words
     */
    record Custom(String containerId, Instant time, String name, String reason) implements ContainerEvent {
        @Override
        public String kind() {
            return name;
        }
    }
}
