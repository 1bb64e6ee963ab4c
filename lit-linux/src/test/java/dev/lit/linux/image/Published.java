package dev.lit.linux.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Publishes the test images to a registry: "test/busybox:1" with Lit's own push, "test/multi:1" (an index) with skopeo. */
final class Published {
    final OciLayoutWriter layout;
    final String busybox;
    final String multi;
    final Digest busyboxManifest;

    private Published(OciLayoutWriter layout, String busybox, String multi, Digest busyboxManifest) {
        this.layout = layout;
        this.busybox = busybox;
        this.multi = multi;
        this.busyboxManifest = busyboxManifest;
    }

    static Published to(RegistryServer registry, Path work, @Nullable Credentials credentials) throws Exception {
        OciLayoutWriter layout = TestImages.write(work.resolve("layout"));
        ImageOptions options = ImageOptions.defaults().withRoot(work.resolve("publisher"));
        if (credentials != null) {
            options = options.withCredentials(registry.host(), credentials);
        }
        Images publisher = Images.open(options);
        String local = "oci:" + layout.dir() + ":1";
        publisher.pull(local);
        String busybox = registry.host() + "/test/busybox:1";
        PushResult pushed = publisher.push(local, busybox);
        RegistryServer.ensureInstalled("skopeo", "skopeo");
        List<String> skopeo = new ArrayList<>(List.of("skopeo", "copy", "-q", "--all", "--dest-tls-verify=false"));
        if (credentials != null) {
            skopeo.add("--dest-creds=" + credentials.username() + ":" + credentials.password());
        }
        String multi = registry.host() + "/test/multi:1";
        skopeo.add("oci:" + layout.dir() + ":multi");
        skopeo.add("docker://" + multi);
        RegistryServer.run(skopeo);
        return new Published(layout, busybox, multi, pushed.manifest());
    }
}
