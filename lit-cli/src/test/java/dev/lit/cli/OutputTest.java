package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.cli.Cli.Outcome;
import dev.lit.cli.Output.Column;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared output helper: tables for people, JSON for scripts, and the verbs that use it. */
class OutputTest {
    record Thing(String name, long size, List<String> tags) {
    }

    /** A verb as the coming ps, inspect and stats will be: a list through Output and FormatOption. */
    @Command(name = "things")
    static final class Things implements Callable<Integer> {
        @Mixin
        private Output output;

        @Mixin
        private FormatOption format;

        @Override
        public Integer call() {
            output.list(format.format(), List.of(
                    Column.of("NAME", "name", Thing::name),
                    Column.of("SIZE", "size", Thing::size, t -> t.size() + " B"),
                    Column.jsonOnly("tags", Thing::tags)),
                    List.of(new Thing("a", 1234, List.of("x")), new Thing("longer \"name\"", 5, List.of())));
            return 0;
        }
    }

    private static String things(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Things()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute(args));
        return out.toString();
    }

    @Test
    void aTableAlignsColumnsUnderTheirHeadersAndLeavesJsonOnlyFieldsOut() {
        assertEquals("""
                NAME            SIZE
                a               1234 B
                longer "name"   5 B
                """, things());
    }

    @Test
    void jsonIsOneObjectPerLineWithRawValues() {
        assertEquals("""
                {"name":"a","size":1234,"tags":["x"]}
                {"name":"longer \\"name\\"","size":5,"tags":[]}
                """, things("--format", "json"));
    }

    @Test
    void jsonEscapesControlCharactersAndKeepsMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", "tab\there\u0001");
        m.put("a", null);
        m.put("ok", true);
        assertEquals("{\"z\":\"tab\\there\\u0001\",\"a\":null,\"ok\":true}", Json.of(m));
    }

    @Test
    void versionAsJsonNamesLitJavaAndTheRuntime() {
        Outcome o = lit("version", "--format", "json");

        assertEquals(0, o.status(), o::toString);
        JsonNode version = JsonMapper.builder().build().readTree(o.out());
        assertEquals(VersionInfo.litVersion(), version.get("lit").asString());
        assertEquals(Runtime.version().toString(), version.get("java").get("version").asString());
        assertEquals("linux", version.get("runtime").get("name").asString());
        assertTrue(version.get("runtime").get("available").isBoolean(), o::toString);
    }

    @Test
    void imagesAsJsonIsOneObjectPerImage() {
        Cli.assumeRoot();
        Outcome o = lit("images", "--format", "json");

        assertEquals(0, o.status(), o::toString);
        for (String line : o.out().lines().toList()) {
            JsonNode image = JsonMapper.builder().build().readTree(line);
            assertTrue(image.get("manifest").asString().startsWith("sha256:"), line);
            assertTrue(image.get("size").isNumber(), line);
        }
        assertEquals(o.out().lines().count(), lit("images", "-q").out().lines().count());
    }

    @Test
    void anUnknownFormatIs125() {
        Outcome o = lit("version", "--format", "yaml");

        assertEquals(125, o.status(), o::toString);
        assertTrue(o.err().contains("--format"), o::toString);
    }

    @Test
    void completionPrintsAScriptThatKnowsTheVerbsAndTheirOptions() {
        for (String shell : List.of("bash", "zsh")) {
            Outcome o = lit("completion", shell);

            assertEquals(0, o.status(), o::toString);
            assertTrue(o.out().contains("complete -F _complete_lit"), shell);
            for (String word : List.of("run", "images", "pull", "gc", "version", "completion", "--env-file", "--format")) {
                assertTrue(o.out().contains(word), shell + " script lacks " + word);
            }
        }
        assertEquals(125, lit("completion", "fish").status());
    }
}
