package dev.lit.compose;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.ExitStatus;
import dev.lit.LitException;
import dev.lit.Network;
import dev.lit.NetworkSpec;
import dev.lit.RunResult;
import dev.lit.Signal;
import dev.lit.Stdio;
import dev.lit.spi.ContainerRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A runtime whose containers are scripts: what each "writes" and when it ends is set per
 * container name, and every start, signal and close is recorded in order. It lets the
 * orchestration be tested for ordering and failure handling without a kernel; the real
 * containers are tested in lit-linux.
 */
final class ScriptedRuntime implements ContainerRuntime {
    /** What a container named so does once started. */
    record Script(List<String> lines, Duration lineDelay, Optional<ExitStatus> exitAfterLines, boolean ignoreSigterm, boolean failStart) {
        static Script runs() {
            return new Script(List.of(), Duration.ZERO, Optional.empty(), false, false);
        }

        Script writes(Duration delay, String... text) {
            return new Script(List.of(text), delay, exitAfterLines, ignoreSigterm, failStart);
        }

        Script thenExits(int code) {
            return new Script(lines, lineDelay, Optional.of(new ExitStatus.Exited(code)), ignoreSigterm, failStart);
        }

        Script ignoringSigterm() {
            return new Script(lines, lineDelay, exitAfterLines, true, failStart);
        }

        static Script cannotStart() {
            return new Script(List.of(), Duration.ZERO, Optional.empty(), false, true);
        }
    }

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Script> scripts = new ConcurrentHashMap<>();
    final List<ScriptedContainer> started = Collections.synchronizedList(new ArrayList<>());
    final List<ContainerSpec> specs = Collections.synchronizedList(new ArrayList<>());
    final List<String> networks = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Availability availability() {
        return Availability.yes("scripted");
    }

    @Override
    public Container start(ContainerSpec spec) {
        String name = spec.name();
        Script script = scripts.getOrDefault(name, Script.runs());
        specs.add(spec);
        if (script.failStart()) {
            log.add("refused " + name);
            throw new LitException("cannot start container: no such file or directory: /bin/" + name);
        }
        ScriptedContainer c = new ScriptedContainer(spec, script);
        started.add(c);
        log.add("start " + name);
        Thread.ofVirtual().start(c::play);
        return c;
    }

    @Override
    public Network createNetwork(NetworkSpec spec) {
        networks.add(spec.name());
        log.add("network " + spec.name());
        return new Network() {
            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public NetworkSpec spec() {
                return spec;
            }

            @Override
            public String bridge() {
                return "br-" + spec.name();
            }

            @Override
            public Map<String, String> hosts() {
                return Map.of();
            }

            @Override
            public void close() {
                networks.remove(spec.name());
                log.add("remove network " + spec.name());
            }
        };
    }

    @Override
    public int collectGarbage() {
        return 0;
    }

    boolean allClosed() {
        return started.stream().allMatch(c -> c.closed);
    }

    final class ScriptedContainer implements Container {
        private final ContainerSpec spec;
        private final Script script;
        private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        volatile boolean closed;

        ScriptedContainer(ContainerSpec spec, Script script) {
            this.spec = spec;
            this.script = script;
        }

        void play() {
            Consumer<String> out = ((Stdio.Output.Lines) spec.stdio().stdout()).consumer();
            try {
                for (String line : script.lines()) {
                    Thread.sleep(script.lineDelay());
                    if (exit.isDone()) {
                        return;
                    }
                    out.accept(line);
                }
            } catch (InterruptedException e) {
                return;
            }
            script.exitAfterLines().ifPresent(exit::complete);
        }

        @Override
        public String id() {
            return "id-" + spec.name();
        }

        @Override
        public ContainerSpec spec() {
            return spec;
        }

        @Override
        public long pid() {
            return 1;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public ExitStatus waitFor() {
            return exit.join();
        }

        @Override
        public Optional<ExitStatus> waitFor(Duration timeout) throws InterruptedException {
            try {
                return Optional.of(exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                return Optional.empty();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletableFuture<ExitStatus> onExit() {
            return exit;
        }

        @Override
        public RunResult result() {
            return new RunResult(id(), exit.join(), new byte[0], new byte[0], Duration.ZERO);
        }

        @Override
        public void kill(Signal signal) {
            log.add("kill " + signal + " " + spec.name());
            if (signal == Signal.SIGKILL || !script.ignoreSigterm()) {
                exit.complete(new ExitStatus.Signaled(signal.number()));
            }
        }

        @Override
        public OutputStream stdin() {
            throw new IllegalStateException();
        }

        @Override
        public InputStream stdout() {
            throw new IllegalStateException();
        }

        @Override
        public InputStream stderr() {
            throw new IllegalStateException();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                exit.complete(new ExitStatus.Signaled(9));
                log.add("close " + spec.name());
            }
        }
    }
}
