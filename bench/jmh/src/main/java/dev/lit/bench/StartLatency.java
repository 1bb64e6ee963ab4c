package dev.lit.bench;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.Lit;
import dev.lit.RunResult;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start to exit of {@code /bin/true} in a busybox-static rootfs with embedded Lit: one
 * {@link Lit#run} per invocation (start, wait, remove), in a warm JVM, one at a time.
 * {@link #hot} runs them back to back; {@link #afterIdle} leaves 100 ms idle before each,
 * which on a cgroup v1 host makes the cgroup attach slow (see BENCHMARKS.md).
 *
 * <p>The rootfs is {@code $LIT_BENCH_ROOTFS} (bench/start-latency/run.sh prepares it).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class StartLatency {
    /** Under Lit's tiny init (the default), or the command as PID 1 itself. */
    @Param({"true", "false"})
    public boolean init;

    /** discard: stdin, stdout and stderr on /dev/null, as the peers run under hyperfine. capture: the library's default. */
    @Param({"discard", "capture"})
    public String stdio;

    private ContainerSpec spec;

    @Setup(Level.Trial)
    public void prepare() throws InterruptedException {
        String dir = System.getenv("LIT_BENCH_ROOTFS");
        if (dir == null || !Files.isExecutable(Path.of(dir, "bin/true"))) {
            throw new IllegalStateException("set LIT_BENCH_ROOTFS to a busybox rootfs with /bin/true (run bench/start-latency/run.sh)");
        }
        spec = Container.builder()
                .base("dir:" + dir)
                .entrypoint(List.of("/bin/true"))
                .init(init)
                .stdio(switch (stdio) {
                    case "discard" -> new Stdio(Stdio.emptyInput(), Stdio.discard(), Stdio.discard());
                    case "capture" -> Stdio.CAPTURE;
                    default -> throw new IllegalArgumentException("stdio: discard or capture, not " + stdio);
                })
                .build();
        check(Lit.run(spec));
    }

    /** Back to back: each start follows the previous container's removal at once. */
    @Benchmark
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 10, time = 1)
    public RunResult hot() throws InterruptedException {
        return check(Lit.run(spec));
    }

    @State(Scope.Thread)
    public static class Idle {
        /** Not timed: JMH stamps each invocation on its own when there is a per-invocation setup. */
        @Setup(Level.Invocation)
        public void idle() throws InterruptedException {
            Thread.sleep(100);
        }
    }

    /** After 100 ms of idle, as a container started now and then would be. */
    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 3)
    public RunResult afterIdle(Idle idle) throws InterruptedException {
        return check(Lit.run(spec));
    }

    private static RunResult check(RunResult r) {
        if (!r.success()) {
            throw new IllegalStateException("/bin/true in the container did not succeed: " + r);
        }
        return r;
    }
}
