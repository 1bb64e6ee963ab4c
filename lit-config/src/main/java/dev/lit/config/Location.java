package dev.lit.config;

/** A position in a lit.yml file; line and column count from 1. */
record Location(int line, int column) {
    static final Location START = new Location(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
