package dev.lit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How byte counts read: memory in binary units, as limits are given, transfers in decimal ones, as Docker prints them. */
class SizesTest {
    @Test
    void memoryIsInBinaryUnitsWithAtMostFourSignificantDigits() {
        assertEquals("0B", Sizes.binary(0));
        assertEquals("1000B", Sizes.binary(1000));
        assertEquals("512KiB", Sizes.binary(512 * 1024));
        assertEquals("64MiB", Sizes.binary(64L << 20));
        assertEquals("1.863GiB", Sizes.binary(2_000_000_000L));
        assertEquals("1.5GiB", Sizes.binary(3L << 29));
    }

    @Test
    void transfersStayInDecimalUnits() {
        assertEquals("67.1 MB", Sizes.human(64L << 20));
        assertEquals("999 B", Sizes.human(999));
    }
}
