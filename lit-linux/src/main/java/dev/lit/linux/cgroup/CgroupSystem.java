package dev.lit.linux.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cgroup hierarchies this process can use, read from /proc/self/mountinfo and
 * /proc/self/cgroup: a pure v2 host, a v1 host, or a hybrid of both.
 */
public final class CgroupSystem {
    private final List<Hierarchy> hierarchies;

    CgroupSystem(List<Hierarchy> hierarchies) {
        this.hierarchies = List.copyOf(hierarchies);
    }

    /**
     * The hierarchies this process sees, from /proc/self/mountinfo and /proc/self/cgroup.
     *
     * @return the system
     * @throws java.io.UncheckedIOException if those files cannot be read
     */
    public static CgroupSystem detect() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/mountinfo")), Files.readAllLines(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this process's cgroups", e);
        }
    }

    /** Builds the view from the text of /proc/self/mountinfo and /proc/self/cgroup. */
    static CgroupSystem parse(List<String> mountinfo, List<String> procCgroup) {
        Map<String, String> v1Paths = new HashMap<>();
        String v2Path = null;
        for (String line : procCgroup) {
            String[] f = line.split(":", 3);
            if (f.length < 3) {
                continue;
            }
            if (f[0].equals("0") && f[1].isEmpty()) {
                v2Path = f[2];
            } else {
                for (String c : f[1].split(",")) {
                    v1Paths.put(c, f[2]);
                }
            }
        }
        List<Hierarchy> found = new ArrayList<>();
        Set<String> seenMounts = new HashSet<>();
        for (String line : mountinfo) {
            // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] left = line.substring(0, dash).split(" ");
            String[] right = line.substring(dash + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            String root = unescape(left[3]);
            Path mountPoint = Path.of(unescape(left[4]));
            String fstype = right[0];
            if (!root.equals("/") || !seenMounts.add(mountPoint.toString())) {
                continue; // a bind of a sub-cgroup, or a second mount of one already seen
            }
            if (fstype.equals("cgroup2") && v2Path != null) {
                found.add(new Hierarchy(2, mountPoint, v2Controllers(mountPoint, v2Path), v2Path));
            } else if (fstype.equals("cgroup")) {
                Set<String> controllers = new HashSet<>(Arrays.asList(right[2].split(",")));
                controllers.retainAll(v1Paths.keySet());
                String own = controllers.stream().map(v1Paths::get).findFirst().orElse(null);
                if (own != null) {
                    found.add(new Hierarchy(1, mountPoint, controllers, own));
                }
            }
        }
        return new CgroupSystem(found);
    }

    private static Set<String> v2Controllers(Path mountPoint, String ownPath) {
        Path file = new Hierarchy(2, mountPoint, Set.of(), ownPath).ownDirectory().resolve("cgroup.controllers");
        try {
            return Set.of(Files.readString(file).strip().split("\\s+"));
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static String unescape(String mountinfoField) {
        return mountinfoField.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    /**
     * Every mounted hierarchy.
     *
     * @return the hierarchies
     */
    public List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    /**
     * The cgroup v2 hierarchy, if one is mounted.
     *
     * @return the unified hierarchy, or empty
     */
    public Optional<Hierarchy> unified() {
        return hierarchies.stream().filter(h -> h.version() == 2).findFirst();
    }

    /**
     * True when cgroup v2 is the only hierarchy, as on current Debian, Ubuntu, Fedora and RHEL.
     *
     * @return true on a pure v2 host
     */
    public boolean isPureV2() {
        return unified().isPresent() && hierarchies.stream().noneMatch(h -> h.version() == 1);
    }

    /**
     * Where a controller lives: the unified hierarchy first, then a v1 one.
     *
     * @param controller the controller
     * @return its hierarchy, or empty if no hierarchy has it
     */
    public Optional<Hierarchy> hierarchyFor(Controller controller) {
        Optional<Hierarchy> v2 = unified().filter(h -> h.has(controller));
        if (v2.isPresent()) {
            return v2;
        }
        return hierarchies.stream().filter(h -> h.version() == 1 && h.has(controller)).findFirst();
    }

    /**
     * One line per hierarchy, for error messages.
     *
     * @return the description
     */
    public String describe() {
        if (hierarchies.isEmpty()) {
            return "no cgroup hierarchy is mounted";
        }
        return String.join("; ", hierarchies.stream().map(Hierarchy::toString).toList());
    }
}
