package dev.lit.bench;

/** An empty main: with the lit command's JVM flags, the floor of any command written in Java. */
public final class Noop {
    private Noop() {
    }

    public static void main(String[] args) {
    }
}
