package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lit.Capability;
import dev.lit.Security;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySectionTest {

    @Test
    void mapsEveryKeyOfTheSecuritySection(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("profile.json"), "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}");
        Security s = LitFile.parse("""
                entrypoint: /bin/true
                security:
                  cap_add: [NET_ADMIN, CAP_SYS_PTRACE]
                  cap_drop: [chown]
                  no_new_privileges: false
                  seccomp: profile.json
                  userns: auto
                  user: "1000:1000"
                """, dir, Map.of()).spec().security();
        assertEquals(Set.of(Capability.NET_ADMIN, Capability.SYS_PTRACE), s.capAdd());
        assertEquals(Set.of(Capability.CHOWN), s.capDrop());
        assertEquals(false, s.noNewPrivileges());
        assertEquals(new Security.Seccomp.Profile(dir.resolve("profile.json")), s.seccomp());
        assertEquals(Security.UserNamespace.AUTO, s.userNamespace());
        assertEquals("1000:1000", s.user());
    }

    @Test
    void capDropAllStartsFromNothing(@TempDir Path dir) {
        Security s = LitFile.parse("entrypoint: /bin/true\nsecurity: { cap_drop: [ALL], cap_add: [KILL], seccomp: unconfined }\n", dir, Map.of())
                .spec().security();
        assertEquals(Set.of(Capability.KILL), s.capabilities());
        assertInstanceOf(Security.Seccomp.Unconfined.class, s.seccomp());
    }

    @Test
    void badSecurityValuesAreReportedWhereTheyAre(@TempDir Path dir) {
        LitFileException cap = assertThrows(LitFileException.class,
                () -> LitFile.parse("entrypoint: /bin/true\nsecurity:\n  cap_add: [NET_ADMN]\n", dir, Map.of()));
        assertEquals(3, cap.line());
        assertTrue(cap.getMessage().contains("NET_ADMN"), cap.getMessage());
        LitFileException userns = assertThrows(LitFileException.class,
                () -> LitFile.parse("entrypoint: /bin/true\nsecurity: { userns: keep-id }\n", dir, Map.of()));
        assertTrue(userns.getMessage().contains("host or auto"), userns.getMessage());
        LitFileException key = assertThrows(LitFileException.class,
                () -> LitFile.parse("entrypoint: /bin/true\nsecurity: { capadd: [KILL] }\n", dir, Map.of()));
        assertTrue(key.getMessage().contains("cap_add"), key.getMessage());
        LitFileException profile = assertThrows(LitFileException.class,
                () -> LitFile.parse("entrypoint: /bin/true\nsecurity: { seccomp: missing.json }\n", dir, Map.of()));
        assertTrue(profile.getMessage().contains("does not exist"), profile.getMessage());
    }
}
