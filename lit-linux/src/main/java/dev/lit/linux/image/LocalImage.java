package dev.lit.linux.image;

import java.nio.file.Path;
import java.util.List;

/**
 * An image in the store, ready to run.
 *
 * @param record the tag index entry
 * @param config the image config's defaults
 * @param layers the unpacked layer directories, bottom first
 */
public record LocalImage(ImageRecord record, ImageConfig config, List<Path> layers) {
    /** Copies the layer list. */
    public LocalImage {
        layers = List.copyOf(layers);
    }

    /**
     * The reference the image was pulled as.
     *
     * @return the canonical reference or offline source key
     */
    public String reference() {
        return record.reference();
    }

    /**
     * The layers top first, as overlay's lowerdir lists them.
     *
     * @return the layer directories, top first
     */
    public List<Path> lowerDirs() {
        return layers.reversed();
    }

    /**
     * The sum of the layer blobs' sizes, as the registry serves them.
     *
     * @return the size in bytes
     */
    public long size() {
        return record.layers().stream().mapToLong(l -> Math.max(0, l.blob().size())).sum();
    }
}
