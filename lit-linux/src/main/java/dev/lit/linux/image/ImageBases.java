package dev.lit.linux.image;

import dev.lit.Base;
import dev.lit.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the runtime meets the image store: before a container with an image base starts, the
 * image is pulled if it is not in the store and its config's defaults are applied to the spec;
 * the root filesystem planner then asks for the layer directories.
 */
public final class ImageBases {
    private static final Map<Path, Images> OPEN = new ConcurrentHashMap<>();

    private ImageBases() {
    }

    private static Images images() {
        return OPEN.computeIfAbsent(ImageStore.defaultRoot(), root -> Images.open(ImageOptions.defaults().withRoot(root)));
    }

    /**
     * The spec itself for other bases; for an image base, pulls it if missing and applies its defaults.
     *
     * @param spec the spec to start
     * @return the spec to start, with the image's defaults
     * @throws ImageException if the image cannot be pulled
     */
    public static ContainerSpec prepare(ContainerSpec spec) {
        if (!(spec.base() instanceof Base.Image image)) {
            return spec;
        }
        try {
            LocalImage local = images().ensure(image.reference(), PullListener.NONE);
            return ImageDefaults.apply(spec, local.config(), local.lowerDirs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while pulling " + image.reference(), e);
        }
    }

    /**
     * The overlay lower directories of a pulled image, top layer first (overlay's lowerdir
     * order). An image without layers gets one empty directory, since overlay needs a lower.
     *
     * @param reference the image reference
     * @return the directories, top first
     * @throws ImageException if the image is not in the store
     */
    public static List<Path> lowerDirectories(String reference) {
        Images images = images();
        LocalImage local = images.find(reference).orElseThrow(() -> new ImageException("the image " + reference
                + " is not in the store " + images.store().root() + ": pull it first"));
        List<Path> dirs = new ArrayList<>(local.lowerDirs());
        if (dirs.isEmpty()) {
            Path empty = images.store().root().resolve("l").resolve("empty");
            try {
                Files.createDirectories(empty);
            } catch (IOException e) {
                throw new ImageException("cannot create " + empty + ": " + e.getMessage(), e);
            }
            dirs.add(empty);
        }
        return dirs;
    }
}
