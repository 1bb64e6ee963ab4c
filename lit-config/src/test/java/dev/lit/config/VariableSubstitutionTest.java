package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariableSubstitutionTest {
    @TempDir
    Path dir;

    private ContainerSpec parse(String yaml, Map<String, String> environment) {
        return LitFile.parse(yaml, dir, environment).spec();
    }

    @Test
    void variablesAreSubstitutedInEveryTextValue() {
        ContainerSpec spec = parse("""
                name: ${APP}
                entrypoint: [echo, "${GREETING}, ${WHO}!"]
                hostname: ${APP}-box
                env: { MODE: "${MODE}" }
                resources: { memory: "${MEM}", pids: "${PIDS}" }
                """, Map.of("APP", "web", "GREETING", "Hello", "WHO", "world", "MODE", "prod", "MEM", "128M", "PIDS", "32"));

        assertEquals("web", spec.name());
        assertEquals("web-box", spec.hostname());
        assertEquals(List.of("echo", "Hello, world!"), spec.entrypoint());
        assertEquals(Map.of("MODE", "prod"), spec.env());
        assertEquals(ByteSize.ofMiB(128), spec.resources().memory());
        assertEquals(32L, spec.resources().pids());
    }

    @Test
    void aDefaultAppliesWhenTheVariableIsUnsetOrEmpty() {
        ContainerSpec spec = parse("""
                entrypoint: [echo, "${UNSET:-fallback}", "${EMPTY:-was empty}", "${SET:-unused}", "${UNSET:-}"]
                """, Map.of("EMPTY", "", "SET", "value"));

        assertEquals(List.of("echo", "fallback", "was empty", "value", ""), spec.entrypoint());
    }

    @Test
    void aDefaultMayItselfReferToAVariable() {
        ContainerSpec spec = parse("""
                entrypoint: [echo, "${PRIMARY:-${SECONDARY:-none}}"]
                """, Map.of("SECONDARY", "second"));

        assertEquals(List.of("echo", "second"), spec.entrypoint());
    }

    @Test
    void aDoubleDollarIsALiteralDollarAndOtherDollarsPassThrough() {
        ContainerSpec spec = parse("""
                entrypoint: [sh, -c, "echo $$$$ $${HOME} $HOME $(hostname) cost: 5$"]
                """, Map.of("HOME", "/root"));

        assertEquals("echo $$ ${HOME} $HOME $(hostname) cost: 5$", spec.entrypoint().get(2));
    }

    @Test
    void keysAndNonTextValuesAreNotSubstituted() {
        ContainerSpec spec = parse("""
                entrypoint: env
                env:
                  ${KEY}: plain
                """, Map.of("KEY", "SUBSTITUTED"));

        assertTrue(spec.env().containsKey("${KEY}"));
    }

    @Test
    void anUnsetVariableWithoutADefaultIsAnErrorAtItsPosition() {
        LitFileException e = assertThrows(LitFileException.class, () -> parse("""
                name: app
                entrypoint: echo ${MISSING} done
                """, Map.of()));

        assertEquals(2, e.line());
        assertEquals(18, e.column());
        assertTrue(e.getMessage().contains("${MISSING} is not set"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve("lit.yml") + ":2:18: "), e.getMessage());
    }

    @Test
    void anUnsetVariableInAQuotedValueIsReportedInsideTheQuotes() {
        LitFileException e = assertThrows(LitFileException.class, () -> parse("""
                entrypoint: [echo, "a ${NOPE}"]
                """, Map.of()));

        assertEquals(1, e.line());
        assertEquals(23, e.column());
        assertTrue(e.reason().contains("${NOPE}"), e.getMessage());
    }

    @Test
    void anUnterminatedReferenceIsAnError() {
        LitFileException e = assertThrows(LitFileException.class, () -> parse("""
                entrypoint: echo ${OOPS
                """, Map.of()));

        assertEquals(1, e.line());
        assertEquals(18, e.column());
        assertTrue(e.reason().contains("unterminated variable reference"), e.getMessage());
    }

    @Test
    void anInvalidVariableNameIsAnError() {
        LitFileException e = assertThrows(LitFileException.class, () -> parse("""
                entrypoint: echo ${1X}
                """, Map.of()));

        assertEquals(1, e.line());
        assertEquals(18, e.column());
        assertTrue(e.reason().contains("is not a variable reference"), e.getMessage());
    }
}
