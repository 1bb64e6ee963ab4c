package dev.lit.cli;

import static dev.lit.cli.Cli.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.cli.Cli.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, versions and bad command lines: none of these start a container. */
class UsageTest {

    private static void assertFailed(Outcome o, String message) {
        assertEquals(125, o.status(), o::toString);
        assertTrue(o.err().startsWith("lit: " + message), () -> "expected 'lit: " + message + "...' in:\n" + o);
        assertTrue(o.out().isEmpty(), o::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "gc", "version", "help", "images", "pull", "completion"})
    void everyCommandHasHelp(String verb) {
        Outcome o = verb.isEmpty() ? lit("--help") : lit(verb, "--help");

        assertEquals(0, o.status(), o::toString);
        assertTrue(o.out().contains("Usage: lit" + (verb.isEmpty() ? " " : " " + verb + " ")), o::toString);
    }

    @Test
    void runsHelpSaysContainersAreAlwaysRemoved() {
        assertTrue(lit("run", "--help").out().contains("--rm is always in effect"));
    }

    @Test
    void dashCapitalVPrintsTheVersions() {
        Outcome o = lit("-V");

        assertEquals(0, o.status(), o::toString);
        assertTrue(o.out().startsWith("lit "), o::toString);
        assertTrue(o.out().contains("\njava " + Runtime.version()), o::toString);
    }

    @Test
    void versionSaysWhetherTheRuntimeIsAvailable() {
        Outcome o = lit("version");

        assertEquals(0, o.status(), o::toString);
        assertTrue(o.out().lines().anyMatch(l -> l.startsWith("runtime linux: available, Linux ")), o::toString);
    }

    @Test
    void aBadMemoryValueIs125NamingTheFlag() {
        Outcome o = lit("run", "--memory", "64X", "host", "/bin/true");

        assertFailed(o, "--memory: '64X' is not a size");
        assertTrue(o.err().contains("See 'lit run --help'."), o::toString);
    }

    @Test
    void badValuesOfOtherFlagsName125AndTheFlag() {
        assertFailed(lit("run", "--cpus", "lots", "host", "/bin/true"), "--cpus: 'lots' is not a cpu amount");
        assertFailed(lit("run", "--memory", "1M", "host", "/bin/true"), "--memory: must be at least 6M");
        assertFailed(lit("run", "--pids-limit", "x", "host", "/bin/true"), "Invalid value for option '--pids-limit'");
        assertFailed(lit("run", "--network", "bad/name", "host", "/bin/true"), "--network: 'bad/name' is not a valid network name");
        assertFailed(lit("run", "-p", "80:70000", "host", "/bin/true"), "--publish: '80:70000': port 70000 is out of range");
        assertFailed(lit("run", "--network", "none", "-p", "80", "host", "/bin/true"), "--publish: a container with --network none or host");
        assertFailed(lit("run", "-v", "bad/name:/data", "host", "/bin/true"), "--volume: 'bad/name' is not a valid volume name");
        assertFailed(lit("run", "-v", "/tmp:/x:z", "host", "/bin/true"), "--volume: option 'z'");
        assertFailed(lit("run", "--tmpfs", "relative", "host", "/bin/true"), "--tmpfs: a container path must be absolute");
        assertFailed(lit("run", "-w", "relative", "host", "/bin/true"), "--workdir: ");
        assertFailed(lit("run", "--hostname", "no_underscores", "host", "/bin/true"), "--hostname: 'no_underscores' is not a valid host name");
        assertFailed(lit("run", "-e", "=x", "host", "/bin/true"), "--env: '=x' has no variable name");
        assertFailed(lit("run", "--env-file", "/no/such.env", "host", "/bin/true"), "--env-file: /no/such.env: no such file");
    }

    @Test
    void anUnknownFlagIs125WithASuggestion() {
        Outcome o = lit("run", "--memroy", "64M", "host", "/bin/true");

        assertFailed(o, "Unknown option: '--memroy'");
        assertTrue(o.err().contains("--memory"), o::toString);
    }

    @Test
    void aBaseWithoutACommandIs125() {
        assertFailed(lit("run", "host"), "missing CMD");
        assertFailed(lit("run"), "missing FILE or BASE");
    }

    @Test
    void noCommandAtAllIs125() {
        assertFailed(lit(), "missing a command");
        assertFailed(lit("ru"), "Unmatched argument");
    }

    @Test
    void onlyYamlNamesAndExistingFilesAreLitFiles() {
        assertTrue(RunCommand.isLitFile("lit.yml"));
        assertTrue(RunCommand.isLitFile("conf/box.yaml"));
        assertTrue(RunCommand.isLitFile("/etc/hostname"));
        assertTrue(!RunCommand.isLitFile("host"));
        assertTrue(!RunCommand.isLitFile("dir:/srv/root"));
        assertTrue(!RunCommand.isLitFile("ubuntu:24.04"));
    }

    @Test
    void gcSaysHowManyItRemoved() {
        Cli.assumeRoot();

        Outcome o = lit("gc");

        assertEquals(0, o.status(), o::toString);
        assertTrue(o.out().matches("removed \\d+ leftover containers?\\n"), o::toString);
    }
}
