package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.LitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is a {@link LitFileException} at the right line and column. */
class LitFileErrorsTest {
    @TempDir
    Path dir;

    private LitFileException failure(String yaml) {
        return assertThrows(LitFileException.class, () -> LitFile.parse(yaml, dir, Map.of()));
    }

    private static void assertAt(LitFileException e, int line, int column, String fragment) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), () -> "expected '" + fragment + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ":" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void theMessageIsFileLineColumnThenTheReason() throws IOException {
        Path file = dir.resolve("lit.yml");
        Files.writeString(file, "entrypoint: echo\nhostnme: box\n");

        LitFileException e = assertThrows(LitFileException.class, () -> LitFile.load(file, Map.of()));

        assertEquals(file, e.file());
        assertEquals(file + ":2:1: unknown key 'hostnme' (did you mean 'hostname'?)", e.getMessage());
        assertInstanceOf(LitException.class, e);
    }

    @Test
    void anUnknownTopLevelKeySuggestsTheClosestKey() {
        assertAt(failure("""
                entrypoint: echo
                resourses: { memory: 64M }
                """), 2, 1, "unknown key 'resourses' (did you mean 'resources'?)");
    }

    @Test
    void anUnknownNestedKeySuggestsAmongThatLevelsKeys() {
        assertAt(failure("""
                entrypoint: echo
                resources:
                  cpu: 1
                  memroy: 64M
                """), 4, 3, "unknown key 'memroy' in resources (did you mean 'memory'?)");
    }

    @Test
    void aMisplacedKeyPointsToWhereItBelongs() {
        assertAt(failure("""
                entrypoint: echo
                workdir: /app
                """), 2, 1, "unknown key 'workdir' (did you mean 'filesystem.workdir'?)");
    }

    @Test
    void anUnknownKeyWithNothingCloseListsTheValidKeys() {
        assertAt(failure("""
                entrypoint: echo
                filesystem: { zzzzzz: 1 }
                """), 2, 15, "unknown key 'zzzzzz' in filesystem (valid keys: base, copy, workdir)");
    }

    @Test
    void anUnknownMountKeySuggestsAMountKey() {
        assertAt(failure("""
                entrypoint: echo
                mounts:
                  - type: tmpfs
                    target: /scratch
                    readonly: true
                """), 5, 5, "unknown key 'readonly' in mounts[0] (did you mean 'read_only'?)");
    }

    @Test
    void resourcesThatAreNotAMappingAreAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                resources: 5
                """), 2, 12, "resources must be a mapping of keys, got the number 5");
    }

    @Test
    void envThatIsANumberIsAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                env: 3
                """), 2, 6, "env must be a list of KEY=VALUE or a mapping, got the number 3");
    }

    @Test
    void aListWhereOneValueBelongsIsAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                hostname: [a, b]
                """), 2, 11, "hostname must be a single value, got a list");
    }

    @Test
    void aNonBooleanInitIsAWrongType() {
        assertAt(failure("""
                entrypoint: echo
                init: sometimes
                """), 2, 7, "init must be true or false, got the text 'sometimes'");
    }

    @Test
    void aKeyWithNoValueIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                hostname:
                """), 2, 10, "hostname has no value");
    }

    @Test
    void aBadMemorySizeIsAnErrorAtTheValue() {
        assertAt(failure("""
                entrypoint: echo
                resources:
                  memory: 12Q
                """), 3, 11, "resources.memory: '12Q' is not a size");
    }

    @Test
    void aBadTmpfsSizeIsAnErrorAtTheValue() {
        assertAt(failure("""
                entrypoint: echo
                mounts: [{ type: tmpfs, target: /scratch, size: 12Q }]
                """), 2, 49, "mounts[0].size: '12Q' is not a size");
    }

    @Test
    void aMemoryLimitBelowTheMinimumIsMappedToItsValue() {
        assertAt(failure("""
                entrypoint: echo
                resources: { memory: 1M }
                """), 2, 22, "resources.memory: must be at least 6M");
    }

    @Test
    void aCpuValueThatIsAWordIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                resources:
                  cpu: two
                """), 3, 8, "resources.cpu: 'two' is not a cpu amount");
    }

    @Test
    void aNegativeCpuValueIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                resources:
                  cpu: -1
                """), 3, 8, "resources.cpu: '-1' is not a cpu amount");
    }

    @Test
    void aPidsLimitThatIsNotAWholeNumberIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                resources: { pids: 1.5 }
                """), 2, 20, "resources.pids must be a whole number, got the number 1.5");
    }

    @Test
    void aZeroPidsLimitIsMappedToItsValue() {
        assertAt(failure("""
                entrypoint: echo
                resources: { pids: 0 }
                """), 2, 20, "resources.pids: must be at least 1");
    }

    @Test
    void aCopySourceThatDoesNotExistIsAnError() {
        LitFileException e = failure("""
                entrypoint: echo
                filesystem:
                  copy:
                    - ./missing:/app
                """);

        assertAt(e, 4, 7, "filesystem.copy: source './missing' does not exist");
        assertTrue(e.reason().contains(dir.resolve("missing").toString()), e.getMessage());
    }

    @Test
    void aCopyWithoutATargetIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                filesystem: { copy: [./app] }
                """), 2, 22, "filesystem.copy: './app' is not SOURCE:TARGET");
    }

    @Test
    void aBindSourceThatDoesNotExistIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                mounts:
                  - { type: bind, source: ./nowhere, target: /data }
                """), 3, 27, "mounts[0].source './nowhere' does not exist");
    }

    @Test
    void aMountWithAnUnknownTypeSuggestsOne() {
        assertAt(failure("""
                entrypoint: echo
                mounts: [{ type: tmpf, target: /x }]
                """), 2, 18, "mounts[0].type must be bind, volume or tmpfs, got 'tmpf' (did you mean 'tmpfs'?)");
    }

    @Test
    void aKeyOfTheOtherMountTypeIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                mounts: [{ type: tmpfs, target: /x, read_only: true }]
                """), 2, 37, "'read_only' does not apply to tmpfs mounts");
    }

    @Test
    void aRelativeMountTargetIsMappedToTheTarget() {
        assertAt(failure("""
                entrypoint: echo
                mounts: [{ type: tmpfs, target: scratch }]
                """), 2, 33, "a container path must be absolute: 'scratch'");
    }

    @Test
    void anEmptyEntrypointStringIsAnError() {
        assertAt(failure("""
                name: app
                entrypoint: ""
                """), 2, 13, "entrypoint is empty");
    }

    @Test
    void anEmptyEntrypointListIsAnError() {
        assertAt(failure("""
                entrypoint: []
                """), 1, 13, "entrypoint is empty");
    }

    @Test
    void anEntrypointWithAnUnterminatedQuoteIsAnError() {
        assertAt(failure("""
                entrypoint: echo 'oops
                """), 1, 13, "unterminated single quote");
    }

    @Test
    void nothingToRunIsAnErrorAtTheTop() {
        assertAt(failure("""
                name: app
                hostname: box
                """), 1, 1, "nothing to run");
    }

    @Test
    void anInvalidNameFromBuildIsMappedBackToItsValue() {
        assertAt(failure("""
                entrypoint: echo
                name: "-bad name"
                """), 2, 7, "name: '-bad name' is not a valid name");
    }

    @Test
    void anInvalidHostnameFromBuildIsMappedBackToItsValue() {
        assertAt(failure("""
                entrypoint: echo
                hostname: under_score
                """), 2, 11, "hostname: 'under_score' is not a valid host name");
    }

    @Test
    void aRelativeWorkdirFromBuildIsMappedBackToItsValue() {
        assertAt(failure("""
                entrypoint: echo
                filesystem:
                  workdir: app
                """), 3, 12, "filesystem.workdir: a container path must be absolute");
    }

    @Test
    void anInvalidEnvNameFromBuildIsMappedBackToTheEnvValue() {
        assertAt(failure("""
                entrypoint: echo
                env:
                  "A=B": c
                """), 3, 3, "env: 'A=B' is not a valid variable name");
    }

    @Test
    void invalidYamlSyntaxIsReportedWhereTheParserFoundIt() {
        assertAt(failure("""
                entrypoint: echo
                command: [unclosed
                name: x
                """), 3, 5, "invalid YAML");
    }

    @Test
    void badIndentationIsReportedWhereTheParserFoundIt() {
        assertAt(failure("""
                entrypoint: echo
                  hostname: box
                """), 2, 11, "invalid YAML: mapping values are not allowed here");
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpens() {
        assertAt(failure("""
                entrypoint: echo
                hostname: "unclosed
                name: x
                """), 2, 11, "invalid YAML: while scanning a quoted scalar: found unexpected end of stream");
    }

    @Test
    void aCommandWithAnUnterminatedQuoteIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                command: a 'b
                """), 2, 10, "command: unterminated single quote in: a 'b");
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingTheFirst() {
        assertAt(failure("""
                entrypoint: echo
                hostname: a
                hostname: b
                """), 3, 1, "duplicate key 'hostname' (first set at line 2, column 1)");
    }

    @Test
    void aDuplicateNestedKeyIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                resources:
                  pids: 1
                  pids: 2
                """), 4, 3, "duplicate key 'pids'");
    }

    @Test
    void aTopLevelListIsNotAMapping() {
        assertAt(failure("""
                - entrypoint: echo
                """), 1, 1, "the top level must be a mapping");
    }

    @Test
    void aTopLevelScalarIsNotAMapping() {
        assertAt(failure("""
                # a comment first
                just text
                """), 2, 1, "the top level must be a mapping of keys such as 'entrypoint' and 'env', not the text 'just text'");
    }

    @Test
    void anEmptyFileIsAnError() {
        assertAt(failure("# nothing here\n"), 1, 1, "the file is empty");
    }

    @Test
    void aSecondDocumentIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                ---
                entrypoint: ls
                """), 3, 1, "one YAML document");
    }

    @Test
    void aYamlAliasIsAnError() {
        assertAt(failure("""
                name: &n app
                entrypoint: echo
                hostname: *n
                """), 3, 11, "YAML aliases (*n) are not supported");
    }

    @Test
    void anImageBaseMissingDirectoryIsAnError() {
        assertAt(failure("""
                entrypoint: echo
                filesystem: { base: "dir:./no-such-root" }
                """), 2, 21, "filesystem.base: directory " + dir.resolve("no-such-root") + " does not exist");
    }

    @Test
    void aFileThatCannotBeReadIsALitException() {
        Path missing = dir.resolve("absent.yml");

        LitException e = assertThrows(LitException.class, () -> LitFile.load(missing));

        assertTrue(e.getMessage().startsWith("cannot read " + missing), e.getMessage());
    }

    @Test
    void aBadShortMountAndABadVolumeNameSayWhere() {
        assertAt(failure("""
                entrypoint: echo
                mounts:
                  - data
                """), 3, 5, "mounts[0]: 'data' is not SOURCE:TARGET[:ro|rw]");
        assertAt(failure("""
                entrypoint: echo
                mounts:
                  - { type: volume, source: "no/slash", target: /data }
                """), 3, 29, "'no/slash' is not a valid volume name");
    }
}
