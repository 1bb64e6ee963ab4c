package dev.lit.linux.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The test images, made from busybox-static. "busybox:1" has three layers:
 * <ol>
 * <li>gzip: busybox and its applets, /etc, /data/keep, /opq/{a,b}, /gone.txt, a setuid file owned 1000:1000</li>
 * <li>zstd: a whiteout of /gone.txt, /opq made opaque with a new /opq/c, /etc/motd replaced, a hard link pair</li>
 * <li>plain tar: a name longer than 100 bytes (pax), an extended attribute, a FIFO</li>
 * </ol>
 * Config: Entrypoint [/bin/sh, -c], Cmd [cat /etc/motd], Env PATH, FROM_IMAGE, SHARED, WorkingDir /data, User 1000.
 */
final class TestImages {
    static final List<String> APPLETS = List.of("sh", "cat", "echo", "ls", "test", "stat", "env", "pwd", "id", "readlink", "true", "sleep", "wc", "head", "mkdir", "grep");
    static final String LONG_NAME = "deep/" + "d".repeat(60) + "/" + "f".repeat(60) + ".txt";

    private TestImages() {
    }

    static Path busybox() {
        Path b = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox")).stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(b != null, "needs busybox-static (apt-get install busybox-static)");
        return b;
    }

    static byte[] baseLayer() throws IOException {
        TarBuilder t = new TarBuilder();
        for (String d : List.of("bin", "etc", "tmp", "proc", "dev", "sys", "root", "data", "opq")) {
            t.dir(d + "/", d.equals("tmp") ? 01777 : 0755);
        }
        t.file("bin/busybox", 0755, busybox());
        for (String a : APPLETS) {
            t.symlink("bin/" + a, "busybox");
        }
        t.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/data:/bin/sh\n");
        t.file("etc/motd", 0644, "base layer\n");
        t.file("data/keep", 0644, "keep\n");
        t.file("opq/a", 0644, "a\n");
        t.file("opq/b", 0644, "b\n");
        t.file("gone.txt", 0644, "gone\n");
        t.file("data/suid", 04755, 1000, 1000, "suid\n", java.util.Map.of());
        return t.build();
    }

    static byte[] secondLayer() {
        return new TarBuilder()
                .file(".wh.gone.txt", 0644, "")
                .dir("opq/", 0755)
                .file("opq/.wh..wh..opq", 0644, "")
                .file("opq/c", 0644, "c\n")
                .file("etc/motd", 0644, "second layer\n")
                .file("data/hl-source", 0644, "hard linked\n")
                .hardlink("data/hl-link", "data/hl-source")
                .build();
    }

    static byte[] thirdLayer() {
        return new TarBuilder()
                .file(LONG_NAME, 0644, "long\n")
                .file("data/xattr", 0644, 0, 0, "x\n", java.util.Map.of("user.lit", "yes"))
                .fifo("data/fifo")
                .build();
    }

    static ObjectNode config() {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.putArray("Entrypoint").add("/bin/sh").add("-c");
        c.putArray("Cmd").add("cat /etc/motd");
        c.putArray("Env").add("PATH=/bin").add("FROM_IMAGE=yes").add("SHARED=image");
        c.put("WorkingDir", "/data");
        c.put("User", "1000");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        return c;
    }

    /** Writes the layout with "busybox:1" (linux/amd64) and "multi" (an index: amd64 and arm64/v8). */
    static OciLayoutWriter write(Path dir) throws IOException {
        OciLayoutWriter w = new OciLayoutWriter(dir);
        Descriptor amd = w.image(List.of(
                new OciLayoutWriter.Layer(baseLayer(), OciLayoutWriter.Compression.GZIP),
                new OciLayoutWriter.Layer(secondLayer(), OciLayoutWriter.Compression.ZSTD),
                new OciLayoutWriter.Layer(thirdLayer(), OciLayoutWriter.Compression.NONE)), config(), Platform.current(), "1");
        ObjectNode armConfig = config();
        Descriptor arm = w.image(List.of(
                new OciLayoutWriter.Layer(new TarBuilder().file("arch", 0644, "arm64\n").build(), OciLayoutWriter.Compression.GZIP)),
                armConfig, new Platform("linux", "arm64", "v8"), "arm");
        OciLayoutWriter.Entry amdEntry = new OciLayoutWriter.Entry(amd, Platform.current(), "1");
        OciLayoutWriter.Entry armEntry = new OciLayoutWriter.Entry(arm, new Platform("linux", "arm64", "v8"), "arm");
        Descriptor index = w.indexBlob(List.of(armEntry, amdEntry));
        w.writeIndex(List.of(amdEntry, armEntry, new OciLayoutWriter.Entry(index, Platform.current(), "multi")));
        return w;
    }
}
