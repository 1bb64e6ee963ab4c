package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

    @Test
    void builderProducesTheImmutableSpecItWasToldAbout() {
        ContainerSpec spec = Container.builder()
                .name("web").entrypoint("python app.py").command("--port", "80")
                .env("DEBUG", "true").env("PORT=8080").workdir("/app").hostname("box")
                .memory("512M").cpus("1").pids(64).network(NetworkMode.host()).init(false)
                .build();
        assertEquals(List.of("python", "app.py", "--port", "80"), spec.argv());
        assertEquals("8080", spec.env().get("PORT"));
        assertEquals(536870912L, spec.resources().memory().bytes());
        assertEquals(1000, spec.resources().cpu().millicpus());
        assertEquals(64L, spec.resources().pids());
        assertInstanceOf(Base.Host.class, spec.base());
        assertEquals(false, spec.init());
        assertThrows(UnsupportedOperationException.class, () -> spec.env().put("X", "1"));
    }

    @Test
    void defaultsPathAsDockerDoesUnlessSet() {
        assertTrue(Container.builder().entrypoint("true").build().envList().contains("PATH=" + ContainerSpec.DEFAULT_PATH));
        assertEquals(List.of("PATH=/x"), Container.builder().entrypoint("true").env("PATH", "/x").build().envList());
    }

    @Test
    void aCommandLineIsSplitAsAShellWouldAndBlankMeansNone() {
        assertEquals(List.of("sh", "-c", "echo 'a b'"), Container.builder().entrypoint("env").commandLine("sh -c \"echo 'a b'\"").build().command());
        assertEquals(List.of(), Container.builder().entrypoint("env").commandLine("  ").build().command());
        assertEquals("command", assertThrows(InvalidSpecException.class, () -> Container.builder().commandLine("echo 'oops")).field());
    }

    @Test
    void refusesASpecWithNothingToRun() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> Container.builder().build());
        assertEquals("entrypoint", e.field());
    }

    @Test
    void namesTheFieldOfEachInvalidValue() {
        assertEquals("resources.memory", assertThrows(InvalidSpecException.class, () -> Container.builder().memory("12Q")).field());
        assertEquals("resources.cpu", assertThrows(InvalidSpecException.class, () -> Container.builder().cpus("two")).field());
        assertEquals("resources.memory", assertThrows(InvalidSpecException.class, () -> Container.builder().entrypoint("true").memory("1k").build()).field());
        assertEquals("hostname", assertThrows(InvalidSpecException.class, () -> Container.builder().entrypoint("true").hostname("bad_host!").build()).field());
        assertEquals("filesystem.workdir", assertThrows(InvalidSpecException.class, () -> Container.builder().entrypoint("true").workdir("relative").build()).field());
        assertEquals("env", assertThrows(InvalidSpecException.class, () -> Container.builder().env("=x")).field());
        assertEquals("entrypoint", assertThrows(InvalidSpecException.class, () -> Container.builder().entrypoint("  ")).field());
        assertEquals("filesystem.copy", assertThrows(InvalidSpecException.class, () -> Copy.parse("nocolon", Path.of("/"))).field());
        assertEquals("mounts", assertThrows(InvalidSpecException.class, () -> Mount.tmpfs("/a/../etc")).field());
    }

    @Test
    void parsesBasesAsTheCliAndLitYmlWriteThem() {
        assertInstanceOf(Base.Host.class, Base.parse("host", Path.of("/")));
        assertEquals(new Base.Directory(Path.of("/srv/rootfs")), Base.parse("dir:rootfs", Path.of("/srv")));
        assertEquals(new Base.Image("ubuntu:22.04"), Base.parse("ubuntu:22.04", Path.of("/")));
    }

    @Test
    void exitStatusesReportAsAShellWould() {
        assertEquals(3, new ExitStatus.Exited(3).code());
        assertEquals(143, new ExitStatus.Signaled(15).code());
        assertEquals("killed by SIGTERM", new ExitStatus.Signaled(15).toString());
        assertEquals(137, new ExitStatus.OomKilled(9).code());
    }
}
