package dev.lit.linux.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The IPv4 subnets this host routes now (/proc/net/route), so a pooled subnet never shadows one. */
final class HostRoutes {
    private HostRoutes() {
    }

    static List<Subnet> subnets() {
        List<Subnet> list = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/route"));
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 7) {
                    int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
                    int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
                    if (mask != 0) {
                        list.add(new Subnet(new Ipv4(dest), Integer.bitCount(mask)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no routes to avoid
        }
        return list;
    }
}
