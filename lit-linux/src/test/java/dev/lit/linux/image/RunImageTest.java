package dev.lit.linux.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Containers from pulled images: Lit.run with an image base, the image's defaults and Docker's override rules. */
@Tag("root")
class RunImageTest {
    @RegisterExtension
    static final RegistryServer REGISTRY = RegistryServer.plain();
    @TempDir
    static Path work;
    static Published published;
    static String previousRoot;

    @BeforeAll
    static void publish() throws Exception {
        Host.assumeRoot();
        // containers in a user namespace reach the store as an unprivileged uid: @TempDir is 0700
        java.nio.file.Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        published = Published.to(REGISTRY, work, null);
        previousRoot = System.getProperty("lit.root");
        System.setProperty("lit.root", work.resolve("root").toString());
    }

    @AfterAll
    static void restore() {
        if (previousRoot == null) {
            System.clearProperty("lit.root");
        } else {
            System.setProperty("lit.root", previousRoot);
        }
    }

    private static RunResult run(dev.lit.ContainerSpec.Builder spec) throws InterruptedException {
        RunResult r = Lit.run(spec);
        assertEquals(0, r.exitCode(), r.stdoutText() + r.stderrText());
        return r;
    }

    @Test
    void pullsOnFirstUseAndRunsWhatTheImageHolds() throws Exception {
        String script = String.join("; ",
                "cat /etc/motd",
                "echo /opq/*",
                "test -e /gone.txt && echo gone-present || echo gone-whited-out",
                "cat /data/hl-link",
                "stat -c %h /data/hl-source",
                "cat /" + TestImages.LONG_NAME,
                "pwd",
                "echo $FROM_IMAGE $SHARED",
                "stat -c '%a %u:%g' /data/suid",
                "test -p /data/fifo && echo fifo");
        RunResult r = run(Container.builder().base(published.busybox).entrypoint(List.of("/bin/sh", "-c", script)));
        assertEquals(List.of("second layer", "/opq/c", "gone-whited-out", "hard linked", "2", "long", "/data", "yes image", "4755 1000:1000", "fifo"),
                r.stdoutText().lines().toList());
        assertTrue(Files.isDirectory(work.resolve("root/l")));
    }

    @Test
    void theImageConfigSuppliesDefaultsThatTheSpecOverrides() throws Exception {
        // Entrypoint + Cmd from the image
        assertEquals("second layer\n", run(Container.builder().base(published.busybox)).stdoutText());
        // a command replaces Cmd and keeps the Entrypoint (sh -c)
        assertEquals("image /data 1000\n", run(Container.builder().base(published.busybox).command("echo $SHARED $(pwd) $(id -u)")).stdoutText());
        // env merges with the spec winning, workdir and user are overridden
        RunResult r = run(Container.builder().base(published.busybox).command("echo $SHARED $FROM_IMAGE $(pwd) $(id -u)")
                .env("SHARED", "spec").workdir("/etc")
                .security(dev.lit.Security.DEFAULT.withUser("0")));
        assertEquals("spec yes /etc 0\n", r.stdoutText());
        // an entrypoint replaces the image's and drops its Cmd
        assertEquals("\n", run(Container.builder().base(published.busybox).entrypoint("/bin/echo")).stdoutText());
        assertEquals("a b\n", run(Container.builder().base(published.busybox).entrypoint("/bin/echo").command("a", "b")).stdoutText());
    }

    @Test
    void offlineSourcesRunToo() throws Exception {
        RunResult r = run(Container.builder().base("oci:" + published.layout.dir() + ":1").command("cat /etc/motd /data/keep"));
        assertEquals("second layer\nkeep\n", r.stdoutText());
    }

    @Test
    void pruneKeepsTheLayersOfARunningContainer() throws Exception {
        String ref = "oci:" + published.layout.dir() + ":1";
        Images images = Images.open(ImageOptions.defaults().withRoot(work.resolve("root")));
        try (Container c = Lit.start(Container.builder().base(ref).command("sleep 30"))) {
            assertTrue(images.remove(ref));
            images.remove(published.busybox);
            PruneResult pruned = images.prune();
            assertEquals(0, pruned.layers(), "mounted layers stay: " + pruned);
            c.kill(dev.lit.Signal.SIGKILL);
        }
        assertEquals(3, images.prune().layers());
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesWorkInAUserNamespace() throws Exception {
        // overlay is then mounted with userxattr and reads user.overlay.opaque instead of trusted.overlay.opaque
        RunResult r = run(Container.builder().base(published.busybox)
                .security(dev.lit.Security.DEFAULT.withUserNamespace(dev.lit.Security.UserNamespace.AUTO).withUser("0"))
                .command("echo /opq/*; test -e /gone.txt && echo gone-present || echo gone-whited-out; cat /etc/motd"));
        assertEquals(List.of("/opq/c", "gone-whited-out", "second layer"), r.stdoutText().lines().toList());
    }
}
