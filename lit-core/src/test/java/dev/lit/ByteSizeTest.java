package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({"512M,536870912", "1G,1073741824", "1.5Gi,1610612736", "64MiB,67108864", "100,100",
            "4k,4096", "2gb,2147483648", "1t,1099511627776", "0.5k,512"})
    void parsesDockerStyleBinarySizes(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text).bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12Q", "", "M", "-5M", "1.2.3G", "five"})
    void rejectsWhatIsNotASizeNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void printsInTheLargestExactUnit() {
        assertEquals("512MiB", ByteSize.parse("512M").toString());
        assertEquals("1536MiB", ByteSize.parse("1.5G").toString());
    }
}
