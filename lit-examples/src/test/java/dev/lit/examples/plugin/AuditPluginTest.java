package dev.lit.examples.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lit.Container;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.RunResult;
import dev.lit.plugin.LitPlugin;
import dev.lit.plugin.Plugins;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The example plugin is found through the ServiceLoader and called at every hook of a real container. */
class AuditPluginTest {

    @Test
    void theServiceLoaderFindsIt() {
        assertTrue(Plugins.installed().list().stream().map(LitPlugin::name).toList().contains("audit"));
    }

    @Test
    @Tag("root")
    void everyHookOfARealContainerIsCalledInOrder() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to start containers");
        String marker = UUID.randomUUID().toString();
        String id;
        try (Container c = Lit.start(Container.builder().entrypoint(List.of("/bin/sh", "-c", "echo $LIT_AUDITED " + marker)))) {
            id = c.id();
            RunResult r = c.result();
            assertEquals(new ExitStatus.Exited(0), r.status());
            assertEquals("1 " + marker + "\n", r.stdoutText(), "onCreate's change reached the container");
        }
        List<String> mine = AuditPlugin.trail().stream()
                .filter(l -> l.contains(marker) || l.contains(id)).map(l -> l.split(" ")[0]).toList();
        assertEquals(List.of("create", "start", "exit", "stop"), mine, AuditPlugin.trail()::toString);
    }
}
