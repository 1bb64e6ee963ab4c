package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.MemoryTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optimize:} maps onto the spec's {@link dev.lit.Optimize}, every mistake at its place. */
class OptimizeSectionTest {
    @TempDir
    Path dir;

    private ContainerSpec spec(String yaml) {
        return LitFile.parse(yaml, dir, Map.of()).spec();
    }

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> LitFile.parse(yaml, dir, Map.of()));
    }

    @Test
    void theTunedExampleMapsToItsParameters() {
        Path example = Path.of("..", "examples", "tuned", "lit.yml");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(example), "run from lit-config in the repository");
        ContainerSpec s = LitFile.load(example, Map.of()).spec();
        assertEquals(MemoryTuning.DEFAULTS.withInterval(Duration.ofMillis(500)), s.optimize().memoryTuning());
        assertEquals(ByteSize.ofMiB(256), s.resources().memory());
    }

    @Test
    void trueTurnsTuningOnWithDefaults() {
        ContainerSpec s = spec("""
                entrypoint: echo
                optimize: { auto_memory_tune: true, shrink_image: false }
                """);
        assertEquals(MemoryTuning.DEFAULTS, s.optimize().memoryTuning());
    }

    @Test
    void shrinkImageIsABooleanForImageBases() {
        assertTrue(spec("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize: { shrink_image: true }\n").optimize().shrinkImage());
        assertTrue(!spec("entrypoint: echo\noptimize: { shrink_image: false }\n").optimize().shrinkImage());
        LitFileException e = failure("entrypoint: echo\noptimize: { shrink_image: true }\n");
        assertTrue(e.reason().contains("optimize.shrink_image: needs an image base"), e.getMessage());
        assertEquals("2:27", e.line() + ":" + e.column(), e.getMessage());
    }

    @Test
    void falseAndNoSectionLeaveItOff() {
        assertNull(spec("entrypoint: echo\noptimize: { auto_memory_tune: false }\n").optimize().memoryTuning());
        assertNull(spec("entrypoint: echo\n").optimize().memoryTuning());
    }

    @Test
    void parametersOverrideTheDefaultsOneByOne() {
        MemoryTuning t = spec("""
                entrypoint: echo
                resources: { memory: 1G }
                optimize:
                  auto_memory_tune:
                    interval: 500ms
                    pressure_target: 0.5%
                    lower_step: 0.05
                    raise_step: 50%
                    floor: 64M
                    ceiling: 768M
                """).optimize().memoryTuning();
        assertEquals(new MemoryTuning(Duration.ofMillis(500), 0.005, 0.05, 0.5, ByteSize.ofMiB(64), ByteSize.ofMiB(768)), t);
        assertEquals(Duration.ofSeconds(2), spec("entrypoint: echo\noptimize: { auto_memory_tune: { interval: 2 } }\n")
                .optimize().memoryTuning().interval());
    }

    @Test
    void aBadParameterIsReportedAtItsValue() {
        LitFileException e = failure("""
                entrypoint: echo
                optimize:
                  auto_memory_tune: { interval: 10ms }
                """);
        assertEquals("3:33", e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains("optimize.auto_memory_tune.interval: must be between 100ms and 1h"), e.getMessage());
        LitFileException f = failure("""
                entrypoint: echo
                optimize:
                  auto_memory_tune: { pressure_target: lots }
                """);
        assertTrue(f.reason().contains("'lots' is not a fraction"), f.getMessage());
    }

    @Test
    void anUnknownParameterGetsASuggestion() {
        LitFileException e = failure("""
                entrypoint: echo
                optimize:
                  auto_memory_tune: { intervall: 1s }
                """);
        assertTrue(e.reason().contains("unknown key 'intervall' in optimize.auto_memory_tune (did you mean 'interval'?)"), e.getMessage());
    }

    @Test
    void aCeilingAboveTheHardLimitIsRefusedAtTheCeiling() {
        LitFileException e = failure("""
                entrypoint: echo
                resources: { memory: 256M }
                optimize:
                  auto_memory_tune:
                    ceiling: 1G
                """);
        assertEquals("5:14", e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains("is above the hard limit resources.memory 256M") || e.reason().contains("above the hard limit"), e.getMessage());
    }

    @Test
    void shrinkImageTakesTheAggressiveLevelWithAShellCheck() {
        ContainerSpec s = spec("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\n"
                + "optimize: { shrink_image: { level: aggressive, check: \"cat /etc/os-release\" } }\n");
        assertEquals(dev.lit.ShrinkImage.aggressive("cat /etc/os-release"), s.optimize().shrink());
        assertTrue(s.optimize().shrinkImage());
    }

    @Test
    void shrinkImageCheckMayBeAnArgumentList() {
        ContainerSpec s = spec("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\n"
                + "optimize: { shrink_image: { level: aggressive, check: [cat, /etc/hostname] } }\n");
        assertEquals(java.util.List.of("cat", "/etc/hostname"), s.optimize().shrink().check());
        assertEquals(dev.lit.ShrinkImage.STANDARD,
                spec("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize: { shrink_image: standard }\n").optimize().shrink());
    }

    @Test
    void aggressiveWithoutACheckFailsAtItsPlace() {
        LitFileException bare = failure("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize:\n  shrink_image: aggressive\n");
        assertEquals(4, bare.line());
        assertTrue(bare.getMessage().contains("check"), bare.getMessage());
        LitFileException mapped = failure("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize:\n  shrink_image: { level: aggressive }\n");
        assertEquals(4, mapped.line());
        assertTrue(mapped.getMessage().contains("check command"), mapped.getMessage());
    }

    @Test
    void unknownShrinkLevelsAndKeysFailAtTheirPlace() {
        LitFileException level = failure("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize:\n  shrink_image: { level: extreme, check: x }\n");
        assertEquals(4, level.line());
        assertTrue(level.getMessage().contains("extreme"), level.getMessage());
        LitFileException key = failure("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize:\n  shrink_image: { level: aggressive, chek: x }\n");
        assertEquals(4, key.line());
        LitFileException stray = failure("entrypoint: echo\nfilesystem: { base: alpine:3.20 }\noptimize:\n  shrink_image: { level: standard, check: x }\n");
        assertTrue(stray.getMessage().contains("aggressive level only"), stray.getMessage());
    }
}
