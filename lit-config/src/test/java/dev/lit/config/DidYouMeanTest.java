package dev.lit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> KEYS = Schema.TOP;

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, DidYouMean.distance("env", "env"));
        assertEquals(1, DidYouMean.distance("nme", "name"));
        assertEquals(1, DidYouMean.distance("names", "name"));
        assertEquals(1, DidYouMean.distance("nane", "name"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(4, DidYouMean.distance("", "name"));
    }

    @Test
    void aTypoSuggestsTheClosestKey() {
        assertEquals(Optional.of("entrypoint"), DidYouMean.closest("entry_point", KEYS));
        assertEquals(Optional.of("hostname"), DidYouMean.closest("hostnam", KEYS));
        assertEquals(Optional.of("mounts"), DidYouMean.closest("mount", KEYS));
    }

    @Test
    void caseIsIgnored() {
        assertEquals(Optional.of("name"), DidYouMean.closest("Name", KEYS));
    }

    @Test
    void aWordFarFromEveryKeySuggestsNothing() {
        assertEquals(Optional.empty(), DidYouMean.closest("zzzzzz", KEYS));
        assertEquals(Optional.empty(), DidYouMean.closest("volumes", KEYS));
    }
}
