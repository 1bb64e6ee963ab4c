package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuLimitTest {

    @ParameterizedTest
    @CsvSource({"2,2000", "0.5,500", "500m,500", "1.25,1250", "0.001,1"})
    void parsesCpusAndMillicpus(String text, long millis) {
        assertEquals(millis, CpuLimit.parse(text).millicpus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"two", "-1", "0", "0m", "1.0001", "5x", ""})
    void rejectsWhatIsNotAPositiveCpuAmount(String text) {
        assertThrows(IllegalArgumentException.class, () -> CpuLimit.parse(text));
    }

    @Test
    void becomesACfsQuotaForAPeriod() {
        assertEquals(50_000, CpuLimit.parse("0.5").quotaMicros(100_000));
        assertEquals(200_000, CpuLimit.parse("2").quotaMicros(100_000));
    }
}
