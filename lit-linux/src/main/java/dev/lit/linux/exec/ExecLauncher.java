package dev.lit.linux.exec;

import dev.lit.ContainerSpec;
import dev.lit.ExecFailedException;
import dev.lit.ExecSpec;
import dev.lit.LitException;
import dev.lit.linux.cgroup.ContainerCgroup;
import dev.lit.linux.ffm.Errno;
import dev.lit.linux.ffm.FdOutputStream;
import dev.lit.linux.ffm.Libc;
import dev.lit.linux.ffm.SyscallException;
import dev.lit.linux.plan.Namespace;
import dev.lit.linux.plan.Plan;
import dev.lit.linux.plan.Report;
import dev.lit.linux.process.HelperBinary;
import dev.lit.linux.process.ReportReader;
import dev.lit.linux.process.Spawner;
import dev.lit.linux.stdio.StdioConnection;
import dev.lit.linux.tty.Pty;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts an exec: the helper (spawned as for a container) gets the container PID 1's pidfd,
 * joins its cgroups and namespaces and clones the command's process as a child of this JVM,
 * which then holds a pidfd for it. Returns once the command was executed, or throws why not.
 */
public final class ExecLauncher {
    private final HelperBinary helper;
    private final ExecPlanner planner;

    public ExecLauncher(HelperBinary helper, ExecPlanner planner) {
        this.helper = helper;
        this.planner = planner;
    }

    /**
     * @param containerId  for names and messages
     * @param container    the container's (effective) spec
     * @param initPid      the host pid of its PID 1
     * @param initPidfd    a pidfd of its PID 1, which this call does not close
     * @param namespaces   the namespaces the container was created with
     */
    public LinuxExecProcess start(String containerId, ContainerSpec container, long initPid, int initPidfd,
                                  ContainerCgroup cgroup, Set<Namespace> namespaces, ExecSpec exec) {
        // Unprivileged, join through the command instead of the init (see InitChild); with init: false it is PID 1.
        int nsPidfd = Libc.geteuid() != 0 && container.init() ? InitChild.pidfdOfChild(initPid) : -1;
        try {
            return launch(containerId, container, initPid, nsPidfd >= 0 ? nsPidfd : initPidfd, cgroup, namespaces, exec);
        } finally {
            if (nsPidfd >= 0) {
                Libc.close(nsPidfd);
            }
        }
    }

    private LinuxExecProcess launch(String containerId, ContainerSpec container, long initPid, int namespacePidfd,
                                   ContainerCgroup cgroup, Set<Namespace> namespaces, ExecSpec exec) {
        Plan plan = planner.plan(container, exec, cgroup, namespaces);
        StdioConnection stdio = StdioConnection.open(exec.stdio(), () -> Pty.openIn(initPid));
        int pidfd = -1;
        try {
            int[] planPipe = Libc.pipe();
            int[] reportPipe = Libc.pipe();
            List<Libc.FileAction> actions = new ArrayList<>();
            actions.add(new Libc.FileAction.Dup(planPipe[0], Spawner.PLAN_FD));
            actions.add(new Libc.FileAction.Dup(reportPipe[1], Spawner.REPORT_FD));
            actions.add(new Libc.FileAction.Dup(namespacePidfd, Spawner.GO_FD));
            actions.addAll(stdio.fileActions());
            int helperPid;
            ReportReader reports = new ReportReader(reportPipe[0]);
            try (reports) {
                try (FdOutputStream planOut = new FdOutputStream(planPipe[1])) {
                    try {
                        helperPid = Spawner.spawn(helper, actions);
                    } finally {
                        Libc.close(planPipe[0]);
                        Libc.close(reportPipe[1]);
                        stdio.closeChildEnds();
                    }
                    try {
                        planOut.write(plan.encode());
                    } catch (IOException e) {
                        // the helper died before reading its plan: its report says why
                    }
                }
                // The report pipe is close-on-exec: end of file means the command was executed or its process ended.
                Report.Failed failure = null;
                Optional<Report> r;
                while ((r = reports.next()).isPresent()) {
                    switch (r.get()) {
                        case Report.Pid(int p) -> pidfd = Libc.pidfdOpen(p);
                        case Report.Failed f -> failure = failure == null ? f : failure;
                        default -> {
                        }
                    }
                }
                Libc.waitpid(helperPid);
                if (failure != null) {
                    throw failureOf(failure, containerId);
                }
                if (pidfd < 0) {
                    throw new LitException("lit-helper ended without starting the exec in container " + containerId);
                }
            }
            stdio.startPumps(containerId + "-exec");
            return new LinuxExecProcess(containerId, pidfd, stdio);
        } catch (RuntimeException | Error e) {
            if (pidfd >= 0) {
                Libc.pidfdSendSignal(pidfd, 9);
                Libc.waitPidfd(pidfd);
                Libc.close(pidfd);
            }
            try {
                stdio.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static LitException failureOf(Report.Failed f, String containerId) {
        if (f.syscall().equals("execve")) {
            boolean notFound = f.errno() == Errno.ENOENT || f.errno() == Errno.ENOTDIR;
            String reason = notFound ? "no such file or executable in the container's PATH" : Errno.describe(f.errno());
            return new ExecFailedException(f.detail(), notFound, reason);
        }
        SyscallException cause = new SyscallException(f.syscall(), f.detail(), f.errno());
        return new LitException("cannot exec in container " + containerId + ": " + cause.getMessage(), cause);
    }
}
