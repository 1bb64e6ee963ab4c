package dev.lit.config;

import dev.lit.InvalidSpecException;
import dev.lit.NetworkSpec;
import dev.lit.compose.Application;
import dev.lit.compose.Dependency;
import dev.lit.compose.Readiness;
import dev.lit.compose.ReadinessCheck;
import dev.lit.compose.ServiceSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a lit.yml with {@code services:} onto an {@link Application}: each service is the
 * single-container schema (read by {@link SpecReader}) plus the keys of {@link Schema#SERVICE_ONLY};
 * top-level {@code networks:} declares the networks. A failure of the application's own checks
 * (an unknown dependency, a cycle, an undeclared network) is reported at the value at fault.
 */
final class ServicesReader {
    private final Problems problems;
    private final Values values;
    private final Path baseDir;
    private final Map<String, String> environment;
    /** Where each field the application's checks may name was set: "services.web.depends_on" and so on. */
    private final Map<String, Location> locations = new HashMap<>();

    private ServicesReader(Problems problems, Path baseDir, Map<String, String> environment) {
        this.problems = problems;
        this.values = new Values(problems);
        this.baseDir = baseDir;
        this.environment = environment;
    }

    static Application read(Node.Mapping root, Problems problems, Path baseDir, Map<String, String> environment, String defaultName) {
        return new ServicesReader(problems, baseDir, environment).application(root, defaultName);
    }

    private Application application(Node.Mapping root, String defaultName) {
        for (Node.Entry entry : root.entries()) {
            if (!Schema.APPLICATION.contains(entry.key())) {
                String hint = Schema.TOP.contains(entry.key())
                        ? "'" + entry.key() + "' belongs to a service in a file with services: move it under one of them"
                        : KeyCheck.unknown(entry.key(), "", Schema.APPLICATION, Map.of());
                throw problems.at(entry.keyLocation(), hint);
            }
        }
        String name = root.get("name").map(e -> located("name", e.value(), values.text(e.value(), "name"))).orElse(defaultName);
        Application.Builder app = problems.check(root.get("name").map(e -> e.value().location()).orElse(Location.START), "name",
                () -> Application.builder(name));
        root.get("networks").ifPresent(e -> networks(e.value(), app));
        Node.Entry servicesEntry = root.get("services").orElseThrow();
        locations.put("services", servicesEntry.keyLocation());
        Node.Mapping services = values.mapping(servicesEntry.value(), "services");
        if (services.entries().isEmpty()) {
            throw problems.at(services.location(), "services is empty: give at least one service");
        }
        for (Node.Entry service : services.entries()) {
            app.service(service(service));
        }
        try {
            return app.build();
        } catch (InvalidSpecException e) {
            throw problems.at(locations.getOrDefault(e.field(), locations.get("services")), e.getMessage(), e);
        }
    }

    private <T> T located(String field, Node node, T value) {
        locations.put(field, node.location());
        return value;
    }

    private void networks(Node node, Application.Builder app) {
        locations.put("networks", node.location());
        switch (node) {
            case Node.Sequence list -> {
                for (int i = 0; i < list.items().size(); i++) {
                    Node item = list.items().get(i);
                    String name = values.text(item, "networks[" + i + "]");
                    locations.putIfAbsent("networks." + name, item.location());
                    problems.check(item.location(), "networks", () -> app.network(name));
                }
            }
            case Node.Mapping map -> {
                for (Node.Entry e : map.entries()) {
                    locations.putIfAbsent("networks." + e.key(), e.keyLocation());
                    NetworkSpec spec = network(e);
                    app.network(spec);
                }
            }
            default -> throw values.wrongType(node, "networks", "a list of names or a mapping of names to settings");
        }
    }

    private NetworkSpec network(Node.Entry entry) {
        String path = "networks." + entry.key();
        if (entry.value() instanceof Node.Scalar s && s.isNull()) {
            return problems.check(entry.keyLocation(), path, () -> NetworkSpec.defaults(entry.key()));
        }
        Node.Mapping settings = values.mapping(entry.value(), path);
        KeyCheck.requireKnown(settings, path, Schema.APP_NETWORK, problems);
        var builder = dev.lit.Network.builder();
        problems.check(entry.keyLocation(), path, () -> builder.name(entry.key()));
        for (Node.Entry e : settings.entries()) {
            Node v = e.value();
            String field = path + "." + e.key();
            switch (e.key()) {
                case "subnet" -> builder.subnet(values.text(v, field));
                case "gateway" -> builder.gateway(values.text(v, field));
                case "mtu" -> builder.mtu((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, values.wholeNumber(v, field))));
                case "internal" -> builder.internal(values.bool(v, field));
                default -> throw new IllegalStateException(e.key());
            }
        }
        return problems.check(entry.value().location(), path, builder::build);
    }

    private ServiceSpec service(Node.Entry entry) {
        String name = entry.key();
        String path = "services." + name;
        locations.put(path, entry.keyLocation());
        ServiceSpec.Builder service = problems.check(entry.keyLocation(), path, () -> ServiceSpec.builder(name));
        Node.Mapping body = values.mapping(entry.value(), path);
        List<String> valid = new ArrayList<>(Schema.TOP);
        valid.remove("name");
        valid.addAll(Schema.SERVICE_ONLY);
        List<Node.Entry> containerKeys = new ArrayList<>();
        Node.Entry ready = null;
        for (Node.Entry e : body.entries()) {
            if (e.key().equals("name")) {
                throw problems.at(e.keyLocation(), "a service is named by its key ('" + name + "'): remove name, or set hostname");
            }
            if (!valid.contains(e.key())) {
                throw problems.at(e.keyLocation(), KeyCheck.unknown(e.key(), path, valid, Schema.SERVICE_HINTS));
            }
            switch (e.key()) {
                case "depends_on" -> dependsOn(e.value(), path, service);
                case "networks" -> serviceNetworks(e.value(), path, service);
                case "ready", "healthcheck" -> {
                    if (ready != null) {
                        throw problems.at(e.keyLocation(), path + ": ready and healthcheck say the same thing; keep one");
                    }
                    ready = e;
                }
                case "stop_timeout", "stop_grace_period" -> {
                    var timeout = Durations.read(e.value(), path + "." + e.key(), values);
                    service.stopTimeout(timeout);
                }
                default -> containerKeys.add(e);
            }
        }
        Node.Mapping container = new Node.Mapping(containerKeys, body.location());
        service.container(SpecReader.read(container, ReadContext.of(problems, baseDir, environment)));
        if (ready != null) {
            service.readiness(readiness(ready, path));
        }
        try {
            return service.build();
        } catch (InvalidSpecException e) {
            throw problems.at(locations.getOrDefault(e.field(), entry.keyLocation()), e.getMessage(), e);
        }
    }

    private void dependsOn(Node node, String path, ServiceSpec.Builder service) {
        String field = path + ".depends_on";
        locations.put(field, node.location());
        switch (node) {
            case Node.Sequence list -> {
                for (int i = 0; i < list.items().size(); i++) {
                    Node item = list.items().get(i);
                    String dependency = values.text(item, field + "[" + i + "]");
                    problems.check(item.location(), field, () -> service.dependsOn(Dependency.on(dependency)));
                }
            }
            case Node.Mapping map -> {
                for (Node.Entry e : map.entries()) {
                    Dependency.Condition condition = Dependency.Condition.READY;
                    if (!(e.value() instanceof Node.Scalar s && s.isNull())) {
                        Node.Mapping settings = values.mapping(e.value(), field + "." + e.key());
                        KeyCheck.requireKnown(settings, field + "." + e.key(), List.of("condition"), problems);
                        Node c = settings.get("condition").orElseThrow(() -> problems.at(settings.location(),
                                field + "." + e.key() + " needs a condition: started, ready or completed")).value();
                        condition = condition(c, field + "." + e.key() + ".condition");
                    }
                    Dependency.Condition chosen = condition;
                    problems.check(e.keyLocation(), field, () -> service.dependsOn(new Dependency(e.key(), chosen)));
                }
            }
            default -> throw values.wrongType(node, field, "a list of service names or a mapping of names to {condition: ...}");
        }
    }

    private Dependency.Condition condition(Node node, String field) {
        String text = values.text(node, field);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "started", "service_started" -> Dependency.Condition.STARTED;
            case "ready", "healthy", "service_healthy" -> Dependency.Condition.READY;
            case "completed", "completed_successfully", "service_completed_successfully" -> Dependency.Condition.COMPLETED;
            default -> throw problems.at(node.location(), field + " must be started, ready or completed, got '" + text + "'"
                    + DidYouMean.closest(text, List.of("started", "ready", "completed")).map(s -> " (did you mean '" + s + "'?)").orElse(""));
        };
    }

    private void serviceNetworks(Node node, String path, ServiceSpec.Builder service) {
        String field = path + ".networks";
        locations.put(field, node.location());
        switch (node) {
            case Node.Sequence list -> {
                if (list.items().isEmpty()) {
                    service.noNetwork();
                }
                for (int i = 0; i < list.items().size(); i++) {
                    Node item = list.items().get(i);
                    String network = values.text(item, field + "[" + i + "]");
                    locations.putIfAbsent(field + "." + network, item.location());
                    problems.check(item.location(), field, () -> service.network(network));
                }
            }
            case Node.Mapping map -> {
                for (Node.Entry e : map.entries()) {
                    List<String> aliases = List.of();
                    if (!(e.value() instanceof Node.Scalar s && s.isNull())) {
                        Node.Mapping settings = values.mapping(e.value(), field + "." + e.key());
                        KeyCheck.requireKnown(settings, field + "." + e.key(), List.of("aliases"), problems);
                        Node a = settings.get("aliases").map(Node.Entry::value).orElse(null);
                        if (a != null) {
                            aliases = values.texts(a, field + "." + e.key() + ".aliases");
                        }
                    }
                    String[] chosen = aliases.toArray(String[]::new);
                    locations.putIfAbsent(field + "." + e.key(), e.keyLocation());
                    problems.check(e.keyLocation(), field, () -> service.network(e.key(), chosen));
                }
            }
            default -> throw values.wrongType(node, field, "a list of network names or a mapping of names to {aliases: [...]}");
        }
    }

    private Readiness readiness(Node.Entry entry, String path) {
        String field = path + "." + entry.key();
        locations.put(path + ".ready", entry.value().location());
        locations.put(path + ".ready.port", entry.value().location());
        Node.Mapping settings = values.mapping(entry.value(), field);
        KeyCheck.requireKnown(settings, field, Schema.READY, problems);
        ReadinessCheck check = null;
        Node.Entry checkEntry = null;
        for (Node.Entry e : settings.entries()) {
            if (!Schema.READY_CHECKS.contains(e.key())) {
                continue;
            }
            if (checkEntry != null) {
                throw problems.at(e.keyLocation(), field + " has two checks, " + checkEntry.key() + " and " + e.key() + ": keep one");
            }
            checkEntry = e;
            String f = field + "." + e.key();
            Node v = e.value();
            check = switch (e.key()) {
                case "port" -> {
                    long port = values.wholeNumber(v, f);
                    if (port < 1 || port > 65535) {
                        throw problems.at(v.location(), f + ": " + port + " is not a port: ports are 1-65535");
                    }
                    yield ReadinessCheck.port((int) port);
                }
                case "log" -> problems.check(v.location(), f, () -> ReadinessCheck.log(values.text(v, f)));
                case "command", "test" -> problems.check(v.location(), f, () -> ReadinessCheck.command(command(v, f)));
                default -> throw new IllegalStateException(e.key());
            };
        }
        if (check == null) {
            throw problems.at(entry.value().location(), field + " needs a check: port, log or command");
        }
        Readiness readiness = Readiness.of(check);
        for (Node.Entry e : settings.entries()) {
            String f = field + "." + e.key();
            Node v = e.value();
            Readiness current = readiness;
            readiness = switch (e.key()) {
                case "interval" -> problems.check(v.location(), f, () -> current.withInterval(Durations.read(v, f, values)));
                case "timeout" -> problems.check(v.location(), f, () -> current.withTimeout(Durations.read(v, f, values)));
                case "retries" -> problems.check(v.location(), f, () -> current.withRetries((int) Math.max(Integer.MIN_VALUE,
                        Math.min(Integer.MAX_VALUE, values.wholeNumber(v, f)))));
                default -> current;
            };
        }
        return readiness;
    }

    /** A command as a shell would split it, a list of words, or Docker Compose's ["CMD", ...] / ["CMD-SHELL", "..."]. */
    private List<String> command(Node node, String field) {
        if (node instanceof Node.Scalar) {
            return dev.lit.Container.builder().entrypoint(values.text(node, field)).build().entrypoint();
        }
        List<String> words = values.texts(node, field);
        if (!words.isEmpty() && words.getFirst().equals("CMD")) {
            return words.subList(1, words.size());
        }
        if (words.size() == 2 && words.getFirst().equals("CMD-SHELL")) {
            return List.of("/bin/sh", "-c", words.get(1));
        }
        return words;
    }
}
