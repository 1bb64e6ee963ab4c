package dev.lit.plugin.lang;

import dev.lit.ByteSize;
import dev.lit.ContainerSpec;
import dev.lit.MemoryTuning;
import dev.lit.plugin.LitPlugin;
import java.util.Locale;

/**
 * Container-aware heap settings for a JVM under the memory tuner: the heap is sized from the
 * tuning ceiling ({@code -XX:MaxRAM}, 75%) rather than from whatever hard limit the cgroup shows,
 * and G1 gives unused heap back to the kernel periodically, so the tuner has something to take
 * when the app idles. Set through {@code JAVA_TOOL_OPTIONS}, before the user's own options (which win).
 * Acts only when the container runs {@code java} and asks for {@code auto_memory_tune}.
 */
public final class JvmPlugin implements LitPlugin {
    static final int HEAP_PERCENT = 75;

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public ContainerSpec onCreate(ContainerSpec spec) {
        MemoryTuning tuning = spec.optimize().memoryTuning();
        if (tuning == null || !Entrypoints.program(spec).equals("java")) {
            return spec;
        }
        ByteSize ceiling = tuning.ceiling() != null ? tuning.ceiling() : spec.resources().memory();
        StringBuilder flags = new StringBuilder();
        if (ceiling != null) {
            flags.append("-XX:MaxRAM=").append(ceiling.bytes()).append(' ');
        }
        flags.append("-XX:MaxRAMPercentage=").append(HEAP_PERCENT)
                .append(String.format(Locale.ROOT, " -XX:G1PeriodicGCInterval=%d", Math.max(1000, 5 * tuning.interval().toMillis())));
        String own = spec.env().get("JAVA_TOOL_OPTIONS");
        return spec.toBuilder().env("JAVA_TOOL_OPTIONS", own == null || own.isBlank() ? flags.toString() : flags + " " + own).build();
    }
}
