package dev.lit.linux.image;

/** Receives {@link PullEvent}s; called from download threads, so it must be thread-safe. */
@FunctionalInterface
public interface PullListener {
    PullListener NONE = event -> { };

    void onEvent(PullEvent event);
}
