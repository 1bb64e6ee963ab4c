package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Base;
import dev.lit.ByteSize;
import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Copy;
import dev.lit.CpuLimit;
import dev.lit.Mount;
import dev.lit.NetworkMode;
import dev.lit.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LitFileMappingTest {
    @TempDir
    Path dir;

    private ContainerSpec parse(String yaml) {
        return LitFile.parse(yaml, dir, Map.of()).spec();
    }

    @Test
    void theFullExampleMapsOntoTheExpectedSpec() throws IOException {
        Files.createDirectory(dir.resolve("data"));
        ContainerSpec spec = parse("""
                name: myapp
                entrypoint: python app.py
                command: [arg1, arg2]
                filesystem: { base: host, copy: ["./:/app"], workdir: /app }
                env: [DEBUG=true, PORT=8080]
                hostname: box
                resources: { cpu: "1", memory: "512M", pids: 100 }
                network: { mode: none }
                init: true
                mounts: [{ type: bind, source: ./data, target: /data, read_only: true }, { type: tmpfs, target: /scratch, size: 64M }]
                """);

        ContainerSpec expected = Container.builder()
                .name("myapp")
                .base(Base.host())
                .entrypoint(List.of("python", "app.py"))
                .command(List.of("arg1", "arg2"))
                .copy(new Copy(dir, "/app"))
                .workdir("/app")
                .env("DEBUG", "true")
                .env("PORT", "8080")
                .hostname("box")
                .resources(new Resources(new CpuLimit(1000), ByteSize.ofMiB(512), 100L))
                .network(NetworkMode.none())
                .init(true)
                .mount(new Mount.Bind(dir.resolve("data"), "/data", true))
                .mount(new Mount.Tmpfs("/scratch", ByteSize.ofMiB(64)))
                .build();
        assertEquals(expected, spec);
    }

    @Test
    void anEntrypointAloneGetsTheBuilderDefaults() {
        ContainerSpec spec = parse("entrypoint: echo hello\n");

        assertEquals(Container.builder().entrypoint("echo hello").build(), spec);
        assertEquals(Base.host(), spec.base());
        assertEquals(NetworkMode.none(), spec.network());
        assertTrue(spec.init());
    }

    @Test
    void anEntrypointStringIsSplitAsAShellWould() {
        ContainerSpec spec = parse("""
                entrypoint: /bin/sh -c 'echo "Hello from $(hostname)"; id'
                """);

        assertEquals(List.of("/bin/sh", "-c", "echo \"Hello from $(hostname)\"; id"), spec.entrypoint());
    }

    @Test
    void anEntrypointListIsTakenWordForWord() {
        ContainerSpec spec = parse("entrypoint: [echo, 'two words', 42]\n");

        assertEquals(List.of("echo", "two words", "42"), spec.entrypoint());
    }

    @Test
    void aCommandStringIsSplitIntoArguments() {
        ContainerSpec spec = parse("""
                entrypoint: [echo]
                command: one "two three"
                """);

        assertEquals(List.of("one", "two three"), spec.command());
    }

    @Test
    void aCommandAloneIsEnoughToRun() {
        assertEquals(List.of("ls", "-l"), parse("command: [ls, -l]\n").argv());
    }

    @Test
    void envAsAListOfAssignments() {
        ContainerSpec spec = parse("""
                entrypoint: env
                env:
                  - DEBUG=true
                  - GREETING=a=b
                  - EMPTY=
                """);

        assertEquals(Map.of("DEBUG", "true", "GREETING", "a=b", "EMPTY", ""), spec.env());
    }

    @Test
    void envAsAMappingKeepsOrderAndTurnsScalarsIntoText() {
        ContainerSpec spec = parse("""
                entrypoint: env
                env:
                  PORT: 8080
                  DEBUG: true
                  NAME: box
                """);

        assertEquals(List.of("PORT", "DEBUG", "NAME"), List.copyOf(spec.env().keySet()));
        assertEquals(Map.of("PORT", "8080", "DEBUG", "true", "NAME", "box"), spec.env());
    }

    @Test
    void aBareEnvKeyTakesItsValueFromTheEnvironmentOrIsLeftOut() {
        ContainerSpec fromList = LitFile.parse("""
                entrypoint: env
                env: [TOKEN, MISSING]
                """, dir, Map.of("TOKEN", "s3cret")).spec();
        ContainerSpec fromMap = LitFile.parse("""
                entrypoint: env
                env: { TOKEN: , MISSING: }
                """, dir, Map.of("TOKEN", "s3cret")).spec();

        assertEquals(Map.of("TOKEN", "s3cret"), fromList.env());
        assertEquals(Map.of("TOKEN", "s3cret"), fromMap.env());
    }

    @Test
    void relativeCopySourcesResolveAgainstTheFilesDirectory() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("src"));
        Files.writeString(project.resolve("app.py"), "print('hi')\n");
        Path file = project.resolve("lit.yml");
        Files.writeString(file, """
                entrypoint: python /app/app.py
                filesystem:
                  copy: [./app.py:/app/app.py, src:/app/src, ../project:/project]
                """);

        ContainerSpec spec = LitFile.load(file, Map.of()).spec();

        assertEquals(List.of(
                new Copy(project.resolve("app.py"), "/app/app.py"),
                new Copy(project.resolve("src"), "/app/src"),
                new Copy(project, "/project")), spec.copies());
    }

    @Test
    void relativeBindSourcesAndDirBasesResolveAgainstTheFilesDirectory() throws IOException {
        Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(dir.resolve("data"));

        ContainerSpec spec = parse("""
                entrypoint: /bin/true
                filesystem: { base: "dir:rootfs" }
                mounts:
                  - { type: bind, source: data, target: /data }
                """);

        assertEquals(Base.directory(dir.resolve("rootfs")), spec.base());
        assertEquals(List.of(new Mount.Bind(dir.resolve("data"), "/data", false)), spec.mounts());
    }

    @Test
    void loadReadsTheFileAndReportsItsPathAsGiven() throws IOException {
        Path file = dir.resolve("lit.yml");
        Files.writeString(file, "entrypoint: echo hi\n");

        LitFile litFile = LitFile.load(file);

        assertEquals(file, litFile.file());
        assertEquals(List.of("echo", "hi"), litFile.spec().argv());
    }

    @Test
    void toBuilderLetsCallersOverrideTheFile() {
        LitFile litFile = LitFile.parse("""
                name: web
                entrypoint: python app.py
                resources: { memory: 256M }
                """, dir, Map.of());

        ContainerSpec overridden = litFile.toBuilder().command(List.of("--debug")).memory("1G").build();

        assertEquals("web", overridden.name());
        assertEquals(List.of("python", "app.py", "--debug"), overridden.argv());
        assertEquals(ByteSize.ofMiB(1024), overridden.resources().memory());
        assertEquals(ByteSize.ofMiB(256), litFile.spec().resources().memory());
    }

    @Test
    void hostNetworkAndNoInitMapOntoTheSpec() {
        ContainerSpec spec = parse("""
                entrypoint: /bin/true
                network: { mode: host }
                init: false
                """);

        assertEquals(NetworkMode.host(), spec.network());
        assertFalse(spec.init());
    }

    @Test
    void cpuAcceptsNumbersAndMillicpus() {
        assertEquals(new CpuLimit(500), parse("entrypoint: x\nresources: { cpu: 0.5 }\n").resources().cpu());
        assertEquals(new CpuLimit(2000), parse("entrypoint: x\nresources: { cpu: 2 }\n").resources().cpu());
        assertEquals(new CpuLimit(250), parse("entrypoint: x\nresources: { cpu: 250m }\n").resources().cpu());
    }

    @Test
    void volumesInLongAndShortFormAndShortBindsMapToMounts() throws IOException {
        Files.createDirectory(dir.resolve("conf"));
        ContainerSpec spec = parse("""
                entrypoint: /bin/true
                mounts:
                  - { type: volume, source: pgdata, target: /var/lib/postgresql, read_only: false }
                  - cache:/cache:ro
                  - ./conf:/etc/app
                """);
        assertEquals(List.of(new Mount.Volume("pgdata", "/var/lib/postgresql", false), new Mount.Volume("cache", "/cache", true),
                new Mount.Bind(dir.resolve("conf"), "/etc/app", false)), spec.mounts());
    }
}
