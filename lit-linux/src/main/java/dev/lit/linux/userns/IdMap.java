package dev.lit.linux.userns;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A user namespace's uid and gid maps: each a list of ranges
 * {@code container id -> host id, length}, as /proc/PID/uid_map takes them.
 */
public record IdMap(List<Range> uids, List<Range> gids) {

    public record Range(long inside, long outside, long length) {
        String line() {
            return inside + " " + outside + " " + length;
        }
    }

    public IdMap {
        uids = List.copyOf(uids);
        gids = List.copyOf(gids);
    }

    /** The same range for uids and gids. */
    public static IdMap of(long outside, long length) {
        List<Range> r = List.of(new Range(0, outside, length));
        return new IdMap(r, r);
    }

    /** The host uid that container uid {@code inside} is, or -1 if unmapped. */
    public long hostUid(long inside) {
        return host(uids, inside);
    }

    public long hostGid(long inside) {
        return host(gids, inside);
    }

    private static long host(List<Range> ranges, long inside) {
        for (Range r : ranges) {
            if (inside >= r.inside && inside < r.inside + r.length) {
                return r.outside + inside - r.inside;
            }
        }
        return -1;
    }

    /** True when only container id 0 exists: images with several users cannot work fully. */
    public boolean isSingleId() {
        return uids.stream().mapToLong(Range::length).sum() <= 1;
    }

    /**
     * The ranges as /proc/PID/uid_map takes them, one line each.
     *
     * @param ranges the ranges
     * @return the map file's text
     */
    public static String text(List<Range> ranges) {
        return ranges.stream().map(Range::line).collect(Collectors.joining("\n", "", "\n"));
    }
}
