package dev.lit;

import java.util.List;
import java.util.Optional;

/** The named volumes of this host's Lit root. */
public interface Volumes {

    /**
     * Lists the volumes.
     *
     * @return every volume, by name
     */
    List<Volume> list();

    /**
     * Finds one volume.
     *
     * @param name its name
     * @return the volume, or empty if there is none of that name
     */
    Optional<Volume> find(String name);

    /**
     * Creates the volume, or returns it if it exists.
     *
     * @param name its name
     * @return the volume
     */
    Volume create(String name);

    /**
     * Removes the volume and its data; refuses one that a container (running or kept) mounts.
     *
     * @param name its name
     */
    void remove(String name);
}
