package dev.lit.linux.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.plugin.Plugins;
import dev.lit.linux.testing.BusyboxRootfs;
import dev.lit.linux.testing.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented leftovers list on a busybox image with planted package-manager caches. */
class LeftoversTest {
    @TempDir
    Path dir;

    private Path plantedImage() throws Exception {
        Path root = BusyboxRootfs.create(dir.resolve("rootfs"));
        write(root, "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", 1000);
        write(root, "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4", 5000);
        write(root, "var/cache/apt/archives/curl_7.88.1_amd64.deb", 3000);
        write(root, "var/cache/apt/pkgcache.bin", 700);
        write(root, "root/.cache/pip/http/a/b/c", 400);
        write(root, "root/.npm/_cacache/index-v5/00/11", 300);
        write(root, "var/cache/apk/APKINDEX.tar.gz", 200);
        // what stays: an installed program's data, apt's lock and partial dirs, a project's node_modules
        write(root, "var/cache/apt/archives/lock", 0);
        Files.createDirectories(root.resolve("var/cache/apt/archives/partial"));
        write(root, "usr/share/app/data.txt", 100);
        write(root, "app/node_modules/x/index.js", 50);
        return root;
    }

    private static void write(Path root, String path, int bytes) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    @Test
    void findsExactlyThePlantedLeftoversWithTheirSizes() throws Exception {
        Path root = plantedImage();
        List<Leftovers.Match> found = new Leftovers(Plugins.installed().slimmingRules()).find(root);
        Set<String> paths = found.stream().map(Leftovers.Match::path).collect(Collectors.toSet());
        assertEquals(Set.of(
                "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease",
                "/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4",
                "/var/cache/apt/archives/curl_7.88.1_amd64.deb",
                "/var/cache/apt/pkgcache.bin",
                "/root/.cache/pip/http",
                "/root/.npm/_cacache/index-v5",
                "/var/cache/apk/APKINDEX.tar.gz"), paths);
        assertEquals(1000 + 5000 + 3000 + 700 + 400 + 300 + 200, found.stream().mapToLong(Leftovers.Match::bytes).sum());
        assertEquals("apt-archives", found.stream().filter(m -> m.path().endsWith(".deb")).findFirst().orElseThrow().rule());
    }

    @Test
    void removingThemKeepsEverythingElse() throws Exception {
        Path root = plantedImage();
        new Leftovers(Plugins.installed().slimmingRules()).remove(root);
        assertTrue(Files.isDirectory(root.resolve("var/lib/apt/lists")), "the directory apt expects stays");
        assertEquals(0, Files.list(root.resolve("var/lib/apt/lists")).count());
        assertTrue(Files.exists(root.resolve("var/cache/apt/archives/lock")));
        assertTrue(Files.isDirectory(root.resolve("var/cache/apt/archives/partial")));
        assertTrue(Files.exists(root.resolve("usr/share/app/data.txt")));
        assertTrue(Files.exists(root.resolve("app/node_modules/x/index.js")));
        assertFalse(Files.exists(root.resolve("root/.cache/pip/http")));
        assertEquals(List.of(), new Leftovers(Plugins.installed().slimmingRules()).find(root));
    }

    @Test
    @Tag("root")
    void theSlimmedImageRunsTheSameCommandWithTheSameOutput() throws Exception {
        Host.assumeRoot();
        Path root = plantedImage();
        List<String> cmd = List.of("/bin/sh", "-c", "cat /etc/motd; ls /usr/share/app; echo $((6*7))");
        RunResult before = Lit.run(Container.builder().base("dir:" + root).entrypoint(cmd));
        new Leftovers(Plugins.installed().slimmingRules()).remove(root);
        RunResult after = Lit.run(Container.builder().base("dir:" + root).entrypoint(cmd));
        assertEquals(new ExitStatus.Exited(0), after.status(), after::stderrText);
        assertEquals("base layer\ndata.txt\n42\n", before.stdoutText());
        assertEquals(before.stdoutText(), after.stdoutText());
    }
}
