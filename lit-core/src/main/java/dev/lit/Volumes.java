package dev.lit;

import java.util.List;
import java.util.Optional;

/** The named volumes of this host's Lit root. */
public interface Volumes {

    List<Volume> list();

    Optional<Volume> find(String name);

    /** Creates the volume, or returns it if it exists. */
    Volume create(String name);

    /** Removes the volume and its data; refuses one that a container (running or kept) mounts. */
    void remove(String name);
}
