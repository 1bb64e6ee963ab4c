package dev.lit.linux.image;

import dev.lit.ContainerSpec;
import dev.lit.InvalidSpecException;
import java.util.List;

/**
 * Applies an image config's defaults to a spec with Docker's rules: a spec entrypoint
 * replaces the image's Entrypoint and drops its Cmd; a spec command replaces Cmd; the
 * environment is the image's with the spec's variables winning; a spec workdir replaces
 * WorkingDir; the image's User applies unless the spec names a user ({@code security.user}),
 * names resolved to numeric ids through the image's /etc/passwd and /etc/group.
 */
public final class ImageDefaults {
    private ImageDefaults() {
    }

    /**
     * Applies the image's defaults to the spec; a user given by name cannot be resolved here.
     *
     * @param spec the spec as the caller built it
     * @param image the image's config
     * @return the spec with the image's defaults filled in
     */
    public static ContainerSpec apply(ContainerSpec spec, ImageConfig image) {
        return apply(spec, image, List.of());
    }

    /**
     * Applies the image's defaults to the spec, resolving a user name through the image's layers.
     *
     * @param spec           the spec as the caller built it
     * @param image          the image's config
     * @param layersTopFirst the image's layer directories, for resolving a user name
     * @return the spec with the image's defaults filled in
     */
    public static ContainerSpec apply(ContainerSpec spec, ImageConfig image, List<java.nio.file.Path> layersTopFirst) {
        List<String> entrypoint;
        List<String> command;
        if (!spec.entrypoint().isEmpty()) {
            entrypoint = spec.entrypoint();
            command = spec.command();
        } else {
            entrypoint = image.entrypoint();
            command = spec.command().isEmpty() ? image.cmd() : spec.command();
        }
        if (entrypoint.isEmpty() && command.isEmpty()) {
            throw new InvalidSpecException("entrypoint", "nothing to run: the image " + spec.base()
                    + " has no Entrypoint or Cmd, so set an entrypoint or a command");
        }
        String workdir = spec.workdir() != null ? spec.workdir() : image.workingDir();
        if (workdir != null && !workdir.startsWith("/")) {
            workdir = "/" + workdir;
        }
        ContainerSpec.Builder b = spec.toBuilder().entrypoint(entrypoint).command(command).workdir(workdir);
        for (String assignment : image.env()) {
            int eq = assignment.indexOf('=');
            if (eq > 0 && !spec.env().containsKey(assignment.substring(0, eq))) {
                b.env(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        if (spec.security().user() == null && image.user() != null) {
            b.security(spec.security().withUser(ImageUser.resolve(image.user(), layersTopFirst)));
        }
        return b.build();
    }
}
