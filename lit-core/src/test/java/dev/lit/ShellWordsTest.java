package dev.lit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnWhitespaceLikeAShell() {
        assertEquals(List.of("python", "app.py", "--port", "80"), ShellWords.split("entrypoint", "  python app.py\t--port 80 "));
    }

    @Test
    void keepsQuotedTextTogether() {
        assertEquals(List.of("sh", "-c", "echo 'hi' \"there\" $HOME"),
                ShellWords.split("entrypoint", "sh -c \"echo 'hi' \\\"there\\\" \\$HOME\""));
        assertEquals(List.of("a b", "c"), ShellWords.split("entrypoint", "'a b' c"));
        assertEquals(List.of("a b"), ShellWords.split("entrypoint", "a\\ b"));
        assertEquals(List.of(""), ShellWords.split("entrypoint", "''"));
    }

    @Test
    void refusesUnterminatedQuotes() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> ShellWords.split("entrypoint", "echo 'oops"));
        assertEquals("entrypoint", e.field());
    }
}
