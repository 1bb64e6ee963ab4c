package dev.lit.plugin.lang;

import dev.lit.ContainerSpec;
import java.util.List;

/** What a spec runs, as the language modules recognise it. */
final class Entrypoints {
    private Entrypoints() {
    }

    /** The file name of the executable the container runs ("java" for /usr/bin/java); empty if none. */
    static String program(ContainerSpec spec) {
        List<String> argv = spec.argv();
        if (argv.isEmpty()) {
            return "";
        }
        String first = argv.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    static boolean tuned(ContainerSpec spec) {
        return spec.optimize().memoryTuning() != null;
    }
}
