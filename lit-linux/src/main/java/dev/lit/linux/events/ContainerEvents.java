package dev.lit.linux.events;

import dev.lit.ContainerEvent;
import java.util.concurrent.Flow;

/**
 * Where one container's events go: its own publisher (with replay, completed after
 * {@code Died}), the runtime-wide publisher, and JDK Flight Recorder.
 */
public final class ContainerEvents {
    private final EventPublisher<ContainerEvent> own = new EventPublisher<>(true);
    private final EventPublisher<ContainerEvent> runtime;

    /** @param runtime the publisher of every container's events */
    public ContainerEvents(EventPublisher<ContainerEvent> runtime) {
        this.runtime = runtime;
    }

    public void emit(ContainerEvent event) {
        record(event);
        own.publish(event);
        runtime.publish(event);
        if (event instanceof ContainerEvent.Died) {
            own.complete();
        }
    }

    public Flow.Publisher<ContainerEvent> publisher() {
        return own;
    }

    private static void record(ContainerEvent event) {
        ContainerJfrEvent jfr = new ContainerJfrEvent();
        if (!jfr.isEnabled()) {
            return;
        }
        jfr.containerId = event.containerId();
        jfr.kind = event.kind();
        jfr.detail = switch (event) {
            case ContainerEvent.Started s -> "pid " + s.pid();
            case ContainerEvent.Died d -> d.status().toString();
            case ContainerEvent.Oom o -> o.kills() + " processes killed so far";
            case ContainerEvent.HealthChanged h -> h.status();
            case ContainerEvent.Custom c -> c.reason();
            default -> "";
        };
        jfr.commit();
    }
}
