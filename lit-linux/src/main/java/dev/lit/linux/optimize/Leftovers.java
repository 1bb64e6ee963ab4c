package dev.lit.linux.optimize;

import dev.lit.plugin.SlimmingRule;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Package-manager leftovers in a root filesystem tree, found by the plugins' {@link SlimmingRule}s:
 * the first step of image slimming, usable on its own. Paths are matched as the container sees
 * them ({@code /var/lib/apt/lists/*}); a matching directory counts with everything under it.
 * Symbolic links are never followed, so a link in the tree cannot lead outside it.
 */
public final class Leftovers {
    /**
     * One path the rules matched, with the rule and the bytes it holds (its whole subtree).
     *
     * @param path the matched path, absolute within the tree
     * @param rule the name of the rule that matched it
     * @param bytes the bytes under it
     */
    public record Match(String path, String rule, long bytes) {
    }

    private record Compiled(SlimmingRule rule, List<PathMatcher> matchers) {
    }

    private final List<Compiled> rules;

    /**
     * A finder for these rules' globs.
     *
     * @param rules the slimming rules
     */
    public Leftovers(List<SlimmingRule> rules) {
        this.rules = rules.stream().map(r -> new Compiled(r, r.globs().stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList())).toList();
    }

    /**
     * What the rules match under {@code root}, in walk order.
     *
     * @param root the tree to search
     * @return the matches
     * @throws IOException if the tree cannot be walked
     */
    public List<Match> find(Path root) throws IOException {
        List<Match> matches = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rule = ruleFor(root, dir);
                if (rule != null) {
                    matches.add(new Match(inContainer(root, dir), rule, size(dir)));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rule = ruleFor(root, file);
                if (rule != null) {
                    matches.add(new Match(inContainer(root, file), rule, attrs.isRegularFile() ? attrs.size() : 0));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return matches;
    }

    /**
     * Removes what {@link #find} matches; returns the matches removed.
     *
     * @param root the tree to clean
     * @return the matches removed
     * @throws IOException if something cannot be removed
     */
    public List<Match> remove(Path root) throws IOException {
        List<Match> matches = find(root);
        for (Match m : matches) {
            Path p = root.resolve(m.path().substring(1));
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                try (var walk = Files.walk(p)) {
                    for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.deleteIfExists(p);
            }
        }
        return matches;
    }

    private @org.jspecify.annotations.Nullable String ruleFor(Path root, Path p) {
        Path asSeen = Path.of(inContainer(root, p));
        for (Compiled c : rules) {
            for (PathMatcher m : c.matchers()) {
                if (m.matches(asSeen)) {
                    return c.rule().name();
                }
            }
        }
        return null;
    }

    private static String inContainer(Path root, Path p) {
        return "/" + root.relativize(p);
    }

    private static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
