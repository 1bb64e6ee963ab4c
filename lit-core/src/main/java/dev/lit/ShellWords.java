package dev.lit;

import java.util.ArrayList;
import java.util.List;

/** Splits a command string into words as a POSIX shell would, without expansions. */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String field, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new InvalidSpecException(field, "unterminated single quote in: " + text);
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i++;
                for (; i < text.length() && text.charAt(i) != '"'; i++) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        d = text.charAt(++i);
                    }
                    word.append(d);
                }
                if (i >= text.length()) {
                    throw new InvalidSpecException(field, "unterminated double quote in: " + text);
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
