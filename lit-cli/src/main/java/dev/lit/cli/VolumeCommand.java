package dev.lit.cli;

import dev.lit.Lit;
import dev.lit.cli.Output.Column;
import dev.lit.Volume;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lit volume ls|create|rm}: named volumes under the Lit root. */
@Command(name = "volume", description = {
    "Manage named volumes: directories under the Lit root (/var/lib/lit/volumes for root, LIT_ROOT to change it)",
    "that containers mount with -v NAME:/path. lit run creates a missing one; they stay until removed."},
        subcommands = {VolumeCommand.Ls.class, VolumeCommand.Create.class, VolumeCommand.Rm.class})
final class VolumeCommand implements Callable<Integer> {
    @Mixin
    private HelpOption help;

    @Mixin
    private Output output;

    @Override
    public Integer call() {
        throw output.usage("missing a command: ls, create or rm");
    }

    /** {@code lit volume ls}. */
    @Command(name = "ls", description = "List the volumes.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        private HelpOption help;

        @Mixin
        private Output output;

        @Mixin
        private FormatOption format;

        @Option(names = {"-q", "--quiet"}, description = "Print only the names.")
        private boolean quiet;

        @Override
        public Integer call() {
            List<Volume> volumes = Lit.runtime().volumes().list();
            if (quiet) {
                volumes.forEach(v -> output.out().println(v.name()));
                return 0;
            }
            output.list(format.format(), List.of(
                    Column.of("NAME", "name", Volume::name),
                    Column.of("CREATED", "created", v -> v.created().toString(), v -> PsCommand.ago(v.created())),
                    Column.of("PATH", "path", v -> v.path().toString())),
                    volumes);
            return 0;
        }
    }

    /** {@code lit volume create NAME...}. */
    @Command(name = "create", description = "Create volumes (an existing one is left as it is).")
    static final class Create implements Callable<Integer> {
        @Mixin
        private HelpOption help;

        @Mixin
        private Output output;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        private List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = output.out();
            names.forEach(n -> out.println(Lit.runtime().volumes().create(n).name()));
            return 0;
        }
    }

    /** {@code lit volume rm NAME...}. */
    @Command(name = "rm", description = "Remove volumes and their data; refused while a container (running or kept) uses one.")
    static final class Rm implements Callable<Integer> {
        @Mixin
        private HelpOption help;

        @Mixin
        private Output output;

        @Parameters(arity = "1..*", paramLabel = "NAME")
        private List<String> names = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = output.out();
            for (String n : names) {
                Lit.runtime().volumes().remove(n);
                out.println(n);
            }
            return 0;
        }
    }
}
