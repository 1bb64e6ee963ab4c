package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys whose feature is not built yet are checked, then refused at their place, never ignored. */
class NotSupportedYetTest {
    @TempDir
    Path dir;

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> LitFile.parse(yaml, dir, Map.of()));
    }

    private static void assertAt(LitFileException e, int line, int column, String fragment) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void anImageBaseIsAcceptedWithOfflinePathsRelativeToTheFile() {
        dev.lit.ContainerSpec spec = LitFile.parse("""
                entrypoint: python app.py
                filesystem: { base: ubuntu:22.04, workdir: /app }
                """, dir, Map.of()).spec();
        assertEquals("ubuntu:22.04", spec.base().toString());
        dev.lit.ContainerSpec offline = LitFile.parse("""
                entrypoint: python app.py
                filesystem: { base: "oci:layout:1" }
                """, dir, Map.of()).spec();
        assertEquals("oci:" + dir.resolve("layout:1"), offline.base().toString());
    }

    @Test
    void anUnknownOptimizeKeyIsReported() {
        assertAt(failure("""
                entrypoint: echo
                optimize:
                  shrink_images: true
                """), 3, 3, "unknown key 'shrink_images' in optimize (did you mean 'shrink_image'?)");
    }

    @Test
    void aNonBooleanOptimizeValueIsReported() {
        assertAt(failure("""
                entrypoint: echo
                optimize:
                  auto_memory_tune: yes please
                """), 3, 21, "optimize.auto_memory_tune must be true or false, got the text 'yes please'");
    }
}
