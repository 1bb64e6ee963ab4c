package dev.lit.linux.state;

import dev.lit.linux.cgroup.ContainerCgroup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What the cleanup pass needs to know about a container whose owner may have died.
 *
 * @param id         the container id
 * @param name       its name, if any
 * @param owner      the JVM that started it
 * @param init       its PID 1, once known
 * @param cgroups    its cgroup directories
 * @param created    when it was created
 */
public record ContainerState(String id, @Nullable String name, ProcessIdentity owner, @Nullable ProcessIdentity init,
                             List<ContainerCgroup.Directory> cgroups, Instant created) {

    /** Copies the cgroup list. */
    public ContainerState {
        cgroups = List.copyOf(cgroups);
    }

    /**
     * A copy with PID 1 known.
     *
     * @param value the container's PID 1
     * @return the copy
     */
    public ContainerState withInit(ProcessIdentity value) {
        return new ContainerState(id, name, owner, value, cgroups, created);
    }

    /**
     * A copy with the cgroup directories known.
     *
     * @param value the directories
     * @return the copy
     */
    public ContainerState withCgroups(List<ContainerCgroup.Directory> value) {
        return new ContainerState(id, name, owner, init, value, created);
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("id", id);
        if (name != null) {
            p.setProperty("name", name);
        }
        p.setProperty("owner", owner.toString());
        if (init != null) {
            p.setProperty("init", init.toString());
        }
        for (int i = 0; i < cgroups.size(); i++) {
            p.setProperty("cgroup." + i, cgroups.get(i).version() + " " + cgroups.get(i).path());
        }
        p.setProperty("created", created.toString());
        return p;
    }

    static ContainerState fromProperties(Properties p) {
        String init = p.getProperty("init");
        List<ContainerCgroup.Directory> cgroups = new ArrayList<>();
        for (int i = 0; p.containsKey("cgroup." + i); i++) {
            String[] vp = p.getProperty("cgroup." + i).split(" ", 2);
            cgroups.add(new ContainerCgroup.Directory(Integer.parseInt(vp[0]), Path.of(vp[1])));
        }
        return new ContainerState(p.getProperty("id"), p.getProperty("name"), ProcessIdentity.parse(p.getProperty("owner")),
                init == null ? null : ProcessIdentity.parse(init),
                cgroups,
                Instant.parse(p.getProperty("created")));
    }
}
