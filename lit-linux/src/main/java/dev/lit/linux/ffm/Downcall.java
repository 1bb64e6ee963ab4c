package dev.lit.linux.ffm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * A libc function bound on first use. Creating a downcall handle costs milliseconds (the
 * linker generates an adapter per function shape), so binding all of them when {@link Libc}
 * loads would slow every JVM's first container by most of a second.
 */
final class Downcall {
    private static final Linker LINKER = Linker.nativeLinker();
    private final String name;
    private final FunctionDescriptor descriptor;
    private final Linker.Option[] options;
    private volatile MethodHandle handle;

    Downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        this.name = name;
        this.descriptor = descriptor;
        this.options = options;
    }

    MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            MemorySegment symbol = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
            h = handle = LINKER.downcallHandle(symbol, descriptor, options);
        }
        return h;
    }
}
