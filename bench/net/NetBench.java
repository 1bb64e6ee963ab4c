import dev.lit.Base;
import dev.lit.Container;
import dev.lit.Lit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Published-port benchmark, one run: the same busybox servers (bulk: 1 GiB from dd through
 * nc; request/response: nc -e cat, one byte each way on one connection) reached
 *   - through Lit's published port on 127.0.0.1, by kernel DNAT (the default) and by the JVM proxy (-Dlit.ports=proxy),
 *   - directly at the Lit container's bridge address,
 *   - through Podman's published port on 127.0.0.1 (podman run --network bridge -p).
 * Rounds interleave the three so that all see the same load; medians over rounds.
 *
 * Usage: java --enable-native-access=ALL-UNNAMED -cp CLASSES NetBench.java ROOTFS ROUNDS PODMAN_BULK_PORT PODMAN_RR_PORT
 */
public class NetBench {
    static final long BULK_BYTES = 1L << 30;
    static final int RR_COUNT = 20_000;

    public static void main(String[] args) throws Exception {
        Path rootfs = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int podmanBulk = Integer.parseInt(args[2]);
        int podmanRr = Integer.parseInt(args[3]);
        String servers = "busybox nc -ll -p 5001 -e busybox dd if=/dev/zero bs=65536 count=" + (BULK_BYTES / 65536)
                + " 2>/dev/null & exec busybox nc -ll -p 7000 -e busybox cat";
        var spec = Container.builder().base(Base.directory(rootfs)).entrypoint(List.of("/bin/sh", "-c", servers))
                .publish("127.0.0.1:0:5001").publish("127.0.0.1:0:7000");
        Container c = Lit.start(spec);
        System.setProperty("lit.ports", "proxy");
        Container p = Lit.start(spec);
        System.clearProperty("lit.ports");
        try (c; p) {
            String ip = c.ipAddresses().values().iterator().next();
            String[] names = {"lit published (kernel DNAT)", "lit published (JVM proxy)", "lit direct (container address)", "podman published"};
            InetSocketAddress[] bulk = {new InetSocketAddress("127.0.0.1", c.mappedPort(5001)), new InetSocketAddress("127.0.0.1", p.mappedPort(5001)),
                    new InetSocketAddress(ip, 5001), new InetSocketAddress("127.0.0.1", podmanBulk)};
            InetSocketAddress[] rr = {new InetSocketAddress("127.0.0.1", c.mappedPort(7000)), new InetSocketAddress("127.0.0.1", p.mappedPort(7000)),
                    new InetSocketAddress(ip, 7000), new InetSocketAddress("127.0.0.1", podmanRr)};
            for (InetSocketAddress a : bulk) {
                bulk(a, 64L << 20); // warm up, and wait until every server listens
            }
            for (InetSocketAddress a : rr) {
                rr(a, 2000);
            }
            double[][] mbps = new double[4][rounds];
            double[][] rrUs = new double[4][rounds];
            double[][] rrP99 = new double[4][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < 4; i++) {
                    mbps[i][r] = bulk(bulk[i], BULK_BYTES);
                    double[] lat = rr(rr[i], RR_COUNT);
                    rrUs[i][r] = lat[0];
                    rrP99[i][r] = lat[1];
                }
                System.err.printf("round %d: MB/s %.0f %.0f %.0f %.0f, us %.1f %.1f %.1f %.1f%n", r + 1, mbps[0][r], mbps[1][r], mbps[2][r], mbps[3][r],
                        rrUs[0][r], rrUs[1][r], rrUs[2][r], rrUs[3][r]);
            }
            System.out.println("| path | bulk TCP MB/s (median) | rounds | request/response µs (median of round medians) | p99 µs (median) |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (int i = 0; i < 4; i++) {
                System.out.printf("| %s | %.0f | %s | %.1f | %.1f |%n", names[i], median(mbps[i]), fmt(mbps[i]), median(rrUs[i]), median(rrP99[i]));
            }
            System.out.printf("ratios (kernel DNAT): bulk lit/direct %.2f, lit/podman %.2f; request/response time lit/direct %.2f, lit/podman %.2f%n",
                    median(mbps[0]) / median(mbps[2]), median(mbps[0]) / median(mbps[3]),
                    median(rrUs[0]) / median(rrUs[2]), median(rrUs[0]) / median(rrUs[3]));
            System.out.printf("ratios (JVM proxy): bulk proxy/direct %.2f, proxy/podman %.2f; request/response time proxy/direct %.2f, proxy/podman %.2f%n",
                    median(mbps[1]) / median(mbps[2]), median(mbps[1]) / median(mbps[3]),
                    median(rrUs[1]) / median(rrUs[2]), median(rrUs[1]) / median(rrUs[3]));
        }
    }

    static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double d : v) {
            b.append(b.isEmpty() ? "" : " ").append(Math.round(d));
        }
        return b.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Reads until end of stream; MB/s (10^6 bytes). */
    static double bulk(InetSocketAddress a, long expect) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Socket s = new Socket()) {
                s.connect(a, 2000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1 << 16];
                long t0 = System.nanoTime();
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total >= expect) {
                        break;
                    }
                }
                long t = System.nanoTime() - t0;
                if (total == 0 && attempt < 50) {
                    Thread.sleep(100);
                    continue;
                }
                return total / (t / 1e9) / 1e6;
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** One byte out, one byte back, {@code count} times on one connection; {median, p99} in µs. */
    static double[] rr(InetSocketAddress a, int count) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Socket s = new Socket()) {
                s.connect(a, 2000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                long[] lat = new long[count];
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    out.write('x');
                    if (in.read() < 0) {
                        throw new IOException("closed");
                    }
                    lat[i] = System.nanoTime() - t0;
                }
                Arrays.sort(lat);
                return new double[] {lat[count / 2] / 1e3, lat[count * 99 / 100] / 1e3};
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
