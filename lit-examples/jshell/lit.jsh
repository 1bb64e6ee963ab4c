// Lit in JShell. Start it from the repository root, after ./lit has built Lit once:
//   jshell --class-path "$(printf '%s:' lit-cli/target/lib/*.jar)" -R--enable-native-access=ALL-UNNAMED \
//          --startup DEFAULT --startup lit-examples/jshell/lit.jsh
// or simply: ./lit jshell
import dev.lit.*;
import dev.lit.config.LitFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs a command line (split as a shell would) in a fresh container on the host's root, to its end. */
RunResult run(String commandLine) throws InterruptedException {
    return Lit.run(Container.builder().entrypoint(commandLine));
}

/** Runs a shell script in a fresh container and returns what it printed on stdout. */
String sh(String script) throws InterruptedException {
    RunResult r = Lit.run(Container.builder().entrypoint(List.of("/bin/sh", "-c", script)));
    if (!r.success()) {
        System.err.print(r.stderrText());
    }
    return r.stdoutText();
}

System.out.println("""
        Lit is ready: dev.lit.* is imported.
          sh("echo hello from $(hostname)")              a shell script in a fresh container, its stdout
          run("uname -a")                                a command to its end: status, stdout, stderr
          var c = Lit.start(Container.builder().entrypoint("sleep 60").memory("64M"))   ... c.close()
          Lit.run(LitFile.load(Path.of("examples/hello/lit.yml")))
        """);
