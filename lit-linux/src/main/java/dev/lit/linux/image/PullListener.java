package dev.lit.linux.image;

/** Receives {@link PullEvent}s; called from download threads, so it must be thread-safe. */
@FunctionalInterface
public interface PullListener {
    /** A listener that ignores every event. */
    PullListener NONE = event -> { };

    /**
     * Receives one event.
     *
     * @param event what happened
     */
    void onEvent(PullEvent event);
}
