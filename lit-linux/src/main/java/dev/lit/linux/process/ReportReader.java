package dev.lit.linux.process;

import dev.lit.linux.ffm.FdInputStream;
import dev.lit.linux.plan.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads the helper's and the init's report records, one per line, until end of file. */
public final class ReportReader implements AutoCloseable {
    private final FdInputStream in;
    private final BufferedReader lines;

    public ReportReader(int fd) {
        this.in = new FdInputStream(fd);
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1024);
    }

    /** The next record; empty at end of file (every writer has closed or exec'd). */
    public Optional<Report> next() {
        try {
            String line = lines.readLine();
            return line == null ? Optional.empty() : Optional.of(Report.parse(line));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the helper's reports", e);
        }
    }

    @Override
    public void close() {
        in.close();
    }
}
