package dev.lit.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lit.Lit;
import dev.lit.spi.ContainerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What {@code availability()} (and so {@code lit version}) says about this host. */
class AvailabilityTest {
    @Test
    void theReasonSaysWhenTheHostDoesNotForwardSoBridgeRunsNeedNoLogLine() throws Exception {
        ContainerRuntime.Availability a = Lit.runtime().availability();
        boolean forwards = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip().equals("1");
        assertEquals(!forwards, a.reason().contains("net.ipv4.ip_forward is 0"), a.reason());
    }
}
