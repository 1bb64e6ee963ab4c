package dev.lit.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the section readers share while mapping one file: typed reading, error making,
 * the directory relative paths resolve against, the environment, and where each spec
 * field was set (so a failure of {@code build()} can point at its value).
 */
record ReadContext(Values values, Path baseDir, Map<String, String> environment, Map<String, Location> fieldLocations) {

    static ReadContext of(Problems problems, Path baseDir, Map<String, String> environment) {
        return new ReadContext(new Values(problems), baseDir, Map.copyOf(environment), new HashMap<>());
    }

    Problems problems() {
        return values.problems();
    }

    /** Remembers where a spec field was set; {@code field} is named as {@link dev.lit.InvalidSpecException#field()} names it. */
    void located(String field, Location location) {
        fieldLocations.put(field, location);
    }

    Location locationOf(String field, Location fallback) {
        return fieldLocations.getOrDefault(field, fallback);
    }
}
