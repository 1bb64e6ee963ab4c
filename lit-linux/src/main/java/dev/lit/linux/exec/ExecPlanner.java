package dev.lit.linux.exec;

import dev.lit.ContainerSpec;
import dev.lit.ExecSpec;
import dev.lit.Security;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.plan.Plan;
import dev.lit.linux.security.SecurityPlanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The helper's plan for an exec: join the container's cgroups and namespaces, then in the
 * child the container's confinement (the same steps as its own command), working directory
 * and the command with the container's environment plus the exec's.
 */
public final class ExecPlanner {
    private static final int SIGKILL = 9;
    private final SecurityPlanner security;

    public ExecPlanner(SecurityPlanner security) {
        this.security = security;
    }

    /**
     * @param namespaces the container's namespaces, which the exec joins (a container on the host
     *                   network shares the JVM's, and joining one's own namespace would fail)
     */
    public Plan plan(ContainerSpec container, ExecSpec exec, ContainerCgroup cgroup, Set<Namespace> namespaces) {
        Plan plan = new Plan().enter(Namespace.flags(namespaces));
        cgroup.unified().ifPresent(d -> plan.cgroupInto(d.path().toString()));
        cgroup.v1Directories().forEach(d -> plan.cgroupJoin(d.path().resolve("cgroup.procs").toString()));
        plan.parentDeathSignal(SIGKILL);
        if (namespaces.contains(Namespace.USER)) {
            plan.becomeRoot();
        }
        if (exec.tty()) {
            plan.controllingTerminal();
        }
        Security confinement = exec.user() != null ? container.security().withUser(exec.user()) : container.security();
        security.addSteps(plan, confinement);
        String workdir = exec.workdir() != null ? exec.workdir() : container.workdir() != null ? container.workdir() : "/";
        plan.chdir(workdir);
        return plan.exec(false, exec.command(), environment(container, exec));
    }

    /** The container's environment with the exec's variables added or replaced; TERM for a terminal, as Docker sets it. */
    static List<String> environment(ContainerSpec container, ExecSpec exec) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : container.envList()) {
            int eq = entry.indexOf('=');
            env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        if (exec.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        env.putAll(exec.env());
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }
}
