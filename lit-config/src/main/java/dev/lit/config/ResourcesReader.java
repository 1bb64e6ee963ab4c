package dev.lit.config;

import dev.lit.ContainerSpec;

/** Maps {@code resources: {cpu, memory, pids, memory_high, cpu_weight}} onto the builder's limits. */
final class ResourcesReader {
    private ResourcesReader() {
    }

    static void read(Node value, ContainerSpec.Builder builder, ReadContext context) {
        Node.Mapping resources = context.values().mapping(value, "resources");
        KeyCheck.requireKnown(resources, "resources", Schema.RESOURCES, context.problems());
        Problems problems = context.problems();
        for (Node.Entry entry : resources.entries()) {
            Node node = entry.value();
            switch (entry.key()) {
                case "cpu" -> {
                    String cpu = context.values().text(node, "resources.cpu");
                    problems.check(node.location(), "resources.cpu", () -> builder.cpus(cpu));
                }
                case "memory" -> {
                    String memory = context.values().text(node, "resources.memory");
                    problems.check(node.location(), "resources.memory", () -> builder.memory(memory));
                }
                case "memory_high" -> {
                    String high = context.values().text(node, "resources.memory_high");
                    problems.check(node.location(), "resources.memory_high", () -> builder.memoryHigh(high));
                }
                case "cpu_weight" -> {
                    long weight = context.values().wholeNumber(node, "resources.cpu_weight");
                    problems.check(node.location(), "resources.cpu_weight", () -> builder.cpuWeight((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, weight))));
                }
                case "pids" -> {
                    long pids = context.values().wholeNumber(node, "resources.pids");
                    problems.check(node.location(), "resources.pids", () -> builder.pids(pids));
                }
                default -> throw new IllegalStateException(entry.key());
            }
        }
    }
}
