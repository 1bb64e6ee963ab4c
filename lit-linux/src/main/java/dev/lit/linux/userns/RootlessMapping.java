package dev.lit.linux.userns;

import dev.lit.LitException;
import dev.lit.linux.ffm.Libc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The id map of a non-root user's containers: the user is root inside; with ranges in
 * /etc/subuid and /etc/subgid, newuidmap/newgidmap (setuid helpers from the uidmap package)
 * map a full range after it, so images with several users work. Without them, only the
 * user's own id is mapped: other ids show as nobody and cannot be switched to.
 */
public final class RootlessMapping {
    private RootlessMapping() {
    }

    public static IdMap forThisUser() {
        long uid = Libc.geteuid();
        String user = System.getProperty("user.name");
        long gid = primaryGid();
        List<long[]> subuids = SubordinateIds.ranges(Path.of("/etc/subuid"), user, uid);
        List<long[]> subgids = SubordinateIds.ranges(Path.of("/etc/subgid"), user, uid);
        if (subuids.isEmpty() || subgids.isEmpty() || !hasNewIdMap()) {
            warnOnce(user, subuids.isEmpty() || subgids.isEmpty());
            return new IdMap(List.of(new IdMap.Range(0, uid, 1)), List.of(new IdMap.Range(0, gid, 1)));
        }
        return new IdMap(ranges(uid, subuids), ranges(gid, subgids));
    }

    private static volatile boolean warned;

    private static void warnOnce(String user, boolean noRanges) {
        if (warned) {
            return;
        }
        warned = true;
        System.getLogger("dev.lit.linux").log(System.Logger.Level.WARNING, "Rootless containers of " + user
                + " map only uid and gid 0 (to " + user + "): "
                + (noRanges ? "there are no ranges for " + user + " in /etc/subuid and /etc/subgid" : "newuidmap/newgidmap (package uidmap) are missing")
                + ". Files of other users show as nobody, and switching to another user inside fails."
                + " Add ranges (usermod --add-subuids 100000-165535 --add-subgids 100000-165535 " + user + ") for full mapping.");
    }

    private static List<IdMap.Range> ranges(long own, List<long[]> sub) {
        List<IdMap.Range> r = new ArrayList<>();
        r.add(new IdMap.Range(0, own, 1));
        long next = 1;
        for (long[] s : sub) {
            r.add(new IdMap.Range(next, s[0], s[1]));
            next += s[1];
        }
        return r;
    }

    private static long primaryGid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Gid:")) {
                    return Long.parseLong(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return Libc.geteuid();
    }

    static boolean hasNewIdMap() {
        return Files.isExecutable(Path.of("/usr/bin/newuidmap")) && Files.isExecutable(Path.of("/usr/bin/newgidmap"));
    }

    /** Writes the maps of process {@code pid}: through newuidmap/newgidmap, or directly for a single id. */
    static void write(int pid, IdMap map) {
        if (map.isSingleId()) {
            MapWriter.writeFile(pid, "setgroups", "deny\n");
            MapWriter.writeFile(pid, "uid_map", IdMap.text(map.uids()));
            MapWriter.writeFile(pid, "gid_map", IdMap.text(map.gids()));
            return;
        }
        run("newuidmap", pid, map.uids());
        run("newgidmap", pid, map.gids());
    }

    private static void run(String tool, int pid, List<IdMap.Range> ranges) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/" + tool, Integer.toString(pid)));
        for (IdMap.Range r : ranges) {
            cmd.add(Long.toString(r.inside()));
            cmd.add(Long.toString(r.outside()));
            cmd.add(Long.toString(r.length()));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new LitException(tool + " failed for the container's user namespace: " + out);
            }
        } catch (IOException e) {
            throw new LitException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LitException("interrupted while running " + tool, e);
        }
    }
}
