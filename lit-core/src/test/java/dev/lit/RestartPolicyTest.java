package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Docker's restart policy syntax, and the options a detached container is started with. */
class RestartPolicyTest {

    @Test
    void parsesDockersForms() {
        assertEquals(RestartPolicy.no(), RestartPolicy.parse("no"));
        assertEquals(RestartPolicy.onFailure(0), RestartPolicy.parse("on-failure"));
        assertEquals(RestartPolicy.onFailure(3), RestartPolicy.parse("on-failure:3"));
        assertEquals(RestartPolicy.always(), RestartPolicy.parse("always"));
        assertEquals(RestartPolicy.unlessStopped(), RestartPolicy.parse("unless-stopped"));
        assertEquals("on-failure:3", RestartPolicy.onFailure(3).toString());
    }

    @Test
    void refusesWhatIsNotAPolicy() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> RestartPolicy.parse("sometimes"));
        assertTrue(e.getMessage().contains("'sometimes' is not a restart policy"), e.getMessage());
        assertThrows(InvalidSpecException.class, () -> RestartPolicy.parse("on-failure:x"));
        assertThrows(InvalidSpecException.class, () -> RestartPolicy.onFailure(-1));
    }

    @Test
    void detachOptionsRefuseAutoRemoveWithRestartsAndTinyLogs() {
        assertThrows(InvalidSpecException.class,
                () -> DetachOptions.DEFAULT.withRestart(RestartPolicy.always()).withAutoRemove(true));
        assertThrows(InvalidSpecException.class, () -> DetachOptions.DEFAULT.withLogLimit(ByteSize.ofBytes(10), 3));
        assertThrows(InvalidSpecException.class, () -> DetachOptions.DEFAULT.withLogLimit(ByteSize.ofMiB(1), 0));
        assertEquals(ByteSize.ofMiB(10), DetachOptions.DEFAULT.logMaxSize());
    }
}
