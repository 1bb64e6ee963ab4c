package dev.lit.cli;

import dev.lit.DetachedContainer;
import dev.lit.Lit;
import dev.lit.LitException;

/** Finding the detached container a verb names, with one message for a name nobody has. */
final class Containers {
    private Containers() {
    }

    static DetachedContainer named(String idOrName) {
        return Lit.find(idOrName).orElseThrow(() -> new LitException("no such container: " + idOrName
                + " (lit ps -a lists them; only detached containers, started with lit run -d, are kept)"));
    }
}
