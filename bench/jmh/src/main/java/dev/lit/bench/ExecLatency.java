package dev.lit.bench;

import dev.lit.Container;
import dev.lit.ExecSpec;
import dev.lit.ExitStatus;
import dev.lit.Lit;
import dev.lit.Stdio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exec of {@code /bin/true} into a running container (busybox-static rootfs, a {@code sleep}
 * as its command) with embedded Lit, to its exit: {@link Container#exec} then waitFor, in a
 * warm JVM, one at a time, back to back. Streams on /dev/null, as the peers run under
 * hyperfine. The rootfs is {@code $LIT_BENCH_ROOTFS} (bench/exec-latency/run.sh prepares it).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class ExecLatency {
    private Container container;
    private ExecSpec exec;

    @Setup(Level.Trial)
    public void start() {
        String dir = System.getenv("LIT_BENCH_ROOTFS");
        if (dir == null || !Files.isExecutable(Path.of(dir, "bin/true"))) {
            throw new IllegalStateException("set LIT_BENCH_ROOTFS to a busybox rootfs with /bin/true (run bench/exec-latency/run.sh)");
        }
        container = Lit.start(Container.builder().base("dir:" + dir).entrypoint(List.of("/bin/busybox", "sleep", "100000"))
                .stdio(new Stdio(Stdio.emptyInput(), Stdio.discard(), Stdio.discard())).build());
        exec = ExecSpec.builder("/bin/true").stdio(new Stdio(Stdio.emptyInput(), Stdio.discard(), Stdio.discard())).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        container.close();
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public ExitStatus execTrue() throws InterruptedException {
        ExitStatus s;
        try (var p = container.exec(exec)) {
            s = p.waitFor();
        }
        if (!s.success()) {
            throw new IllegalStateException("/bin/true exec'd in the container did not succeed: " + s);
        }
        return s;
    }
}
