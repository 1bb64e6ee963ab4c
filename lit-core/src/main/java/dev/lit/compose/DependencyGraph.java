package dev.lit.compose;

import dev.lit.InvalidSpecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services of an application as a graph of dependencies: checks that every dependency
 * exists and that there is no cycle, and orders the services so that each comes after
 * what it depends on.
 */
final class DependencyGraph {
    private final Map<String, ServiceSpec> services;

    private DependencyGraph(Map<String, ServiceSpec> services) {
        this.services = services;
    }

    /** Checks {@code services} (in declaration order) and returns them ordered; names the first cycle found. */
    static List<ServiceSpec> order(List<ServiceSpec> services) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        for (ServiceSpec s : services) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new InvalidSpecException("services", "service '" + s.name() + "' is defined twice");
            }
        }
        for (ServiceSpec s : services) {
            for (Dependency d : s.dependsOn()) {
                if (!byName.containsKey(d.service())) {
                    throw new InvalidSpecException("services." + s.name() + ".depends_on",
                            "'" + d.service() + "' is not a service of this application (services: " + String.join(", ", byName.keySet()) + ")");
                }
            }
        }
        return new DependencyGraph(byName).topological();
    }

    private enum Mark { VISITING, DONE }

    /** Depth-first, in declaration order, so that independent services keep the order they were given in. */
    private List<ServiceSpec> topological() {
        Map<String, Mark> marks = new HashMap<>();
        List<ServiceSpec> order = new ArrayList<>();
        List<String> path = new ArrayList<>();
        for (String name : services.keySet()) {
            visit(name, marks, path, order);
        }
        return order;
    }

    private void visit(String name, Map<String, Mark> marks, List<String> path, List<ServiceSpec> order) {
        Mark mark = marks.get(name);
        if (mark == Mark.DONE) {
            return;
        }
        if (mark == Mark.VISITING) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new InvalidSpecException("services." + cycle.getFirst() + ".depends_on",
                    "dependency cycle: " + String.join(" -> ", cycle));
        }
        marks.put(name, Mark.VISITING);
        path.add(name);
        ServiceSpec service = services.get(name);
        for (Dependency d : service.dependsOn()) {
            visit(d.service(), marks, path, order);
        }
        path.removeLast();
        marks.put(name, Mark.DONE);
        order.add(service);
    }
}
