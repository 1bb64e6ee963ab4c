package dev.lit;

/** Which network a container sees. */
public sealed interface NetworkMode {

    /** A network namespace of its own with only the loopback interface, up. */
    record None() implements NetworkMode {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** The host's network namespace: no isolation of interfaces or ports. */
    record Host() implements NetworkMode {
        @Override
        public String toString() {
            return "host";
        }
    }

    static NetworkMode none() {
        return new None();
    }

    static NetworkMode host() {
        return new Host();
    }
}
