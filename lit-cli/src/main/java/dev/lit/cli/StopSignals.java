package dev.lit.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SIGINT and SIGTERM for {@code lit up}: the first asks for an orderly stop (and interrupts a
 * start in progress, which then removes what it started); the next one kills everything at
 * once by exiting, so the runtime's shutdown hook closes the containers. Installed instead of
 * the JVM's own handlers, which would start the shutdown (and the runtime's hook, which kills
 * every container at once) at the first signal; the previous handlers come back on {@link #close()}.
 *
 * <p>The handlers are {@code sun.misc.Signal}'s (module jdk.unsupported), reached reflectively so
 * that the build stays free of javac's and javadoc's warnings about internal proprietary API.
 */
final class StopSignals implements AutoCloseable {
    private final Thread main;
    private final CompletableFuture<Void> received = new CompletableFuture<>();
    private final List<Object[]> installed = new ArrayList<>();
    private volatile boolean interruptOnFirst;
    private volatile boolean forceOnNext;

    private StopSignals(Thread main) {
        this.main = main;
    }

    static StopSignals install(Thread main) {
        StopSignals s = new StopSignals(main);
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method number = signalClass.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "handle" -> {
                            s.handle((int) number.invoke(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "lit up's stop handler";
                    });
            for (String name : new String[] {"INT", "TERM"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                try {
                    s.installed.add(new Object[] {handle, signal, handle.invoke(null, signal, handler)});
                } catch (InvocationTargetException e) {
                    // The JVM reserves it (-Xrs): its default then applies, and the runtime's shutdown hook still cleans up.
                }
            }
        } catch (ReflectiveOperationException e) {
            // A JDK without sun.misc.Signal: Ctrl-C ends the JVM, whose shutdown hook still removes every container.
        }
        return s;
    }

    private synchronized void handle(int signal) {
        if (!received.isDone()) {
            received.complete(null);
            if (interruptOnFirst) {
                main.interrupt();
            }
        } else if (forceOnNext) {
            // The runtime's shutdown hook kills and removes every container this JVM started.
            Runtime.getRuntime().exit(128 + signal);
        }
    }

    /** Completes at the first SIGINT or SIGTERM. */
    CompletableFuture<Void> received() {
        return received;
    }

    /** Whether the first signal interrupts the main thread (while it starts the services). */
    void interruptOnFirst(boolean value) {
        interruptOnFirst = value;
    }

    /** From now on a further signal kills everything at once. */
    void forceOnNext() {
        forceOnNext = true;
    }

    @Override
    public void close() {
        for (Object[] entry : installed) {
            try {
                ((Method) entry[0]).invoke(null, entry[1], entry[2]);
            } catch (ReflectiveOperationException e) {
                // the previous handler could not be put back: this process is about to end anyway
            }
        }
    }
}
