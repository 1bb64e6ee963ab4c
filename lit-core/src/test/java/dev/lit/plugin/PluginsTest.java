package dev.lit.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import dev.lit.MemoryTuning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin SPI as a runtime uses it, and the language modules that ship on it. */
class PluginsTest {

    private static ContainerSpec java(boolean tuned) {
        ContainerSpec.Builder b = Container.builder().entrypoint("/usr/bin/java -jar app.jar").memory("1G");
        if (tuned) {
            b.autoMemoryTune(MemoryTuning.DEFAULTS.withInterval(Duration.ofSeconds(2)));
        }
        return b.build();
    }

    @Test
    void languageModulesAreFoundThroughTheServiceLoader() {
        List<String> names = Plugins.installed().list().stream().map(LitPlugin::name).toList();
        assertTrue(names.containsAll(List.of("jvm", "python", "node", "os-packages")), names::toString);
    }

    @Test
    void theJvmModuleSizesTheHeapFromTheTuningCeiling() {
        ContainerSpec out = Plugins.installed().create(java(true));
        assertEquals("-XX:MaxRAM=1073741824 -XX:MaxRAMPercentage=75 -XX:G1PeriodicGCInterval=10000", out.env().get("JAVA_TOOL_OPTIONS"));
        ContainerSpec ceiling = Plugins.installed().create(java(true).toBuilder()
                .autoMemoryTune(MemoryTuning.DEFAULTS.withCeiling(dev.lit.ByteSize.ofMiB(512))).build());
        assertTrue(ceiling.env().get("JAVA_TOOL_OPTIONS").startsWith("-XX:MaxRAM=536870912 "), ceiling.env()::toString);
    }

    @Test
    void theUsersOwnJavaOptionsComeLastSoTheyWin() {
        ContainerSpec out = Plugins.installed().create(java(true).toBuilder().env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=50").build());
        assertTrue(out.env().get("JAVA_TOOL_OPTIONS").endsWith(" -XX:MaxRAMPercentage=50"), out.env()::toString);
    }

    @Test
    void specsThatDoNotAskForOptimizationAreLeftAlone() {
        ContainerSpec plain = java(false);
        assertSame(plain, Plugins.installed().create(plain));
        ContainerSpec python = Container.builder().entrypoint("python3 app.py").build();
        assertSame(python, Plugins.installed().create(python));
    }

    @Test
    void pythonUnderOptimizationWritesNoBytecode() {
        ContainerSpec out = Plugins.installed().create(Container.builder().entrypoint("python3 app.py").autoMemoryTune(true).build());
        assertEquals("1", out.env().get("PYTHONDONTWRITEBYTECODE"));
    }

    @Test
    void slimmingRulesCoverPackageManagerLeftovers() {
        List<String> globs = Plugins.installed().slimmingRules().stream().flatMap(r -> r.globs().stream()).toList();
        assertTrue(globs.containsAll(List.of("/var/lib/apt/lists/*", "/var/cache/apt/archives/*.deb", "/root/.cache/pip/**",
                "/root/.npm/_cacache/**")), globs::toString);
        assertThrows(IllegalArgumentException.class, () -> new SlimmingRule("bad", List.of("var/cache"), "relative"));
    }

    @Test
    void aFailingCreateHookFailsTheStartNamingThePlugin() {
        LitPlugin broken = new LitPlugin() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ContainerSpec onCreate(ContainerSpec spec) {
                throw new IllegalStateException("no config");
            }
        };
        LitException e = assertThrows(LitException.class, () -> new Plugins(List.of(broken)).create(java(false)));
        assertEquals("plugin broken failed while creating the container: no config", e.getMessage());
    }

    @Test
    void otherHooksFailAloneAndEveryPluginIsStillCalled() {
        List<String> calls = new ArrayList<>();
        LitPlugin failing = new Recording("first", calls, true);
        LitPlugin fine = new Recording("second", calls, false);
        Plugins plugins = new Plugins(List.of(failing, fine));
        plugins.exited(null, new ExitStatus.Exited(0));
        plugins.stopping(null);
        assertEquals(List.of("first exit", "second exit", "first stop", "second stop"), calls);
    }

    private record Recording(String name, List<String> calls, boolean fail) implements LitPlugin {
        @Override
        public void onExit(Container container, ExitStatus status) {
            calls.add(name + " exit");
            if (fail) {
                throw new IllegalStateException("boom");
            }
        }

        @Override
        public void onStop(Container container) {
            calls.add(name + " stop");
            if (fail) {
                throw new IllegalStateException("boom");
            }
        }
    }
}
