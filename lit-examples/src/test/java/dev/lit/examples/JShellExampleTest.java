package dev.lit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The JShell startup script, evaluated by jdk.jshell as {@code jshell --startup} would: in a
 * separate JVM with Lit on its class path, then a snippet that starts a container and reads
 * its output.
 */
@Tag("root")
@EnabledIf(value = "dev.lit.examples.ExampleHost#isRoot", disabledReason = "needs root to run containers as root")
class JShellExampleTest {
    private static final Path SCRIPT = Path.of("jshell", "lit.jsh");

    @Test
    void theStartupScriptLetsASnippetRunAContainerAndReadItsOutput() throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (JShell shell = JShell.builder()
                .out(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .err(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .remoteVMOptions("--enable-native-access=ALL-UNNAMED")
                .build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.contains("test-classes")) {
                    shell.addToClasspath(entry);
                }
            }
            for (String snippet : snippets(shell, Files.readString(SCRIPT))) {
                eval(shell, snippet);
            }
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Lit is ready"), printed::toString);

            assertEquals("\"hello from jshell\\n\"", eval(shell, "sh(\"echo hello from jshell\")"));
            assertEquals("\"hello from jshell-box\\n\"", eval(shell,
                    "Lit.run(Container.builder().hostname(\"jshell-box\").entrypoint(List.of(\"/bin/sh\", \"-c\", \"echo hello from $(hostname)\"))).stdoutText()"));
            assertEquals("\"exited with code 3\"", eval(shell, "run(\"/bin/sh -c 'exit 3'\").status().toString()"));
        }
    }

    /** The script's complete snippets, split as jshell splits a startup file. */
    private static List<String> snippets(JShell shell, String source) {
        List<String> snippets = new ArrayList<>();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            assertTrue(info.completeness().isComplete(), () -> "incomplete snippet in " + SCRIPT + ": " + info.remaining());
            snippets.add(info.source());
            rest = info.remaining();
        }
        return snippets;
    }

    /** Evaluates one snippet, failing on a compile error or an exception, and returns its value. */
    private static String eval(JShell shell, String snippet) {
        String value = null;
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.exception() != null) {
                throw new AssertionError("'" + snippet.strip() + "' threw " + event.exception(), event.exception());
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw new AssertionError("'" + snippet.strip() + "' was rejected: "
                        + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList());
            }
            value = event.value();
        }
        return value;
    }
}
