/*
 * Entry point. The helper reads its whole plan, clones the container's PID 1 into new
 * namespaces (as a sibling: CLONE_PARENT makes it the JVM's own child, so the JVM reaps
 * it through a pidfd and no helper process lingers), places it in its cgroups, reports
 * its pid, lets it go and exits.
 *
 * Plan, before the "child" word:
 *   clone <flags>            namespace flags for clone3
 *   cgroup-into <dir>        cgroup v2 directory for CLONE_INTO_CGROUP (falls back to cgroup.procs)
 *   cgroup-join <procs file> cgroup.procs file to write the child's pid into (cgroup v1)
 *   await-jvm                wait for the JVM's "go" on GO_FD after reporting the pid (it
 *                            writes the child's user namespace maps in between)
 *   detach <state dir>       monitor mode (monitor.c): PID 1 is the child of a background
 *                            monitor instead; with "log <file> <max bytes> <files>",
 *                            "restart <kind> <max retries>", "id-maps <uid_map> <gid_map>",
 *                            "autoremove", "stdin-fifo"
 *   enter <flags>            exec into a running container: the helper joins the cgroups named
 *                            by cgroup-into/cgroup-join and the namespaces (flags) of the process
 *                            whose pidfd is GO_FD, then clones the child there (enter.c)
 * After it: the child's steps (setup.c), ending with "exec" (exec.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif
static int write_pid(const char *file, pid_t pid)
{
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char text[32];
    int n = snprintf(text, sizeof text, "%d", pid);
    ssize_t w = write(fd, text, (size_t)n);
    int saved = errno;
    close(fd);
    errno = saved;
    return w == n ? 0 : -1;
}

static int read_parent_plan(struct plan *p, struct parent_plan *pp)
{
    const char *w = plan_word(p);
    if (!w || strcmp(w, "lit-plan-1"))
        return report_plan_error("not a lit-plan-1 plan"), -1;
    while ((w = plan_word(p)) && strcmp(w, "child")) {
        if (!strcmp(w, "clone")) {
            pp->flags = plan_number(p, 10);
        } else if (!strcmp(w, "cgroup-into")) {
            pp->into = plan_word(p);
        } else if (!strcmp(w, "cgroup-join") && pp->njoins < MAX_JOINS) {
            pp->joins[pp->njoins++] = plan_word(p);
        } else if (!strcmp(w, "await-jvm")) {
            pp->await_jvm = 1;
        } else if (!strcmp(w, "detach")) {
            pp->detach_dir = plan_word(p);
        } else if (!strcmp(w, "log")) {
            pp->log_path = plan_word(p);
            pp->log_max = plan_number(p, 10);
            pp->log_files = plan_number(p, 10);
        } else if (!strcmp(w, "restart")) {
            pp->restart_kind = plan_number(p, 10);
            pp->restart_max = plan_number(p, 10);
        } else if (!strcmp(w, "id-maps")) {
            pp->uid_map = plan_word(p);
            pp->gid_map = plan_word(p);
        } else if (!strcmp(w, "autoremove")) {
            pp->autoremove = 1;
        } else if (!strcmp(w, "stdin-fifo")) {
            pp->stdin_fifo = 1;
        } else if (!strcmp(w, "enter")) {
            pp->enter_flags = plan_number(p, 10);
        } else {
            char what[200];
            snprintf(what, sizeof what, "unknown parent step '%.100s'", w);
            return report_plan_error(what), -1;
        }
    }
    return w ? 0 : (report_plan_error("the plan has no child part"), -1);
}

pid_t clone_child(struct parent_plan *pp, int as_sibling, int *into_failed)
{
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = (uint64_t)pp->flags | (as_sibling ? CLONE_PARENT : 0);
    /* clone3 wants 0 with CLONE_PARENT: the child inherits our own exit signal (SIGCHLD) */
    args.exit_signal = as_sibling ? 0 : SIGCHLD;
    int cgfd = -1;
    *into_failed = 0;
    if (pp->into) {
        cgfd = open(pp->into, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (cgfd >= 0) {
            args.flags |= CLONE_INTO_CGROUP;
            args.cgroup = (uint64_t)cgfd;
        }
    }
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid < 0 && cgfd >= 0 && (errno == EINVAL || errno == E2BIG || errno == ENOSYS)) {
        /* A kernel before 5.7, or a cgroup that cannot take processes this way: attach by pid. */
        args.flags &= ~(uint64_t)CLONE_INTO_CGROUP;
        args.cgroup = 0;
        *into_failed = 1;
        pid = syscall(SYS_clone3, &args, sizeof args);
    } else if (pid == 0 || cgfd < 0) {
        *into_failed = pp->into != NULL && cgfd < 0;
    }
    if (pid != 0 && cgfd >= 0)
        close(cgfd);
    return (pid_t)pid;
}

void child_run(struct plan *p, int gate_fd)
{
    char go;
    ssize_t n;
    while ((n = read(gate_fd, &go, 1)) < 0 && errno == EINTR)
        ;
    if (n != 1)
        _exit(1); /* the helper failed to place us and has reported why */
    close(gate_fd);
    close(GO_FD);
    if (setup_run(p) < 0)
        _exit(1);
    exec_run(p);
}

int place_child(struct parent_plan *pp, pid_t child, int into_failed)
{
    if (into_failed) {
        char procs[4200];
        snprintf(procs, sizeof procs, "%s/cgroup.procs", pp->into);
        if (write_pid(procs, child) < 0)
            return report_error("write", procs, errno), -1;
    }
    for (int i = 0; i < pp->njoins; i++)
        if (write_pid(pp->joins[i], child) < 0)
            return report_error("write", pp->joins[i], errno), -1;
    return 0;
}

int main(void)
{
    /* Our JVM parent may leave handlers ignored or signals blocked: start clean. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    syscall(SYS_close_range, GO_FD + 1, ~0U, 0);
    fcntl(PLAN_FD, F_SETFD, FD_CLOEXEC);
    fcntl(REPORT_FD, F_SETFD, FD_CLOEXEC);
    fcntl(GO_FD, F_SETFD, FD_CLOEXEC);

    struct plan plan;
    if (plan_read(&plan, PLAN_FD) < 0) {
        report_error("read", "plan", errno);
        return 1;
    }
    close(PLAN_FD);
    struct parent_plan pp = {0};
    if (read_parent_plan(&plan, &pp) < 0)
        return 1;
    if (pp.detach_dir)
        return monitor_run(&plan, &pp);

    if (pp.enter_flags && enter_container(&pp) < 0)
        return 1;

    int gate[2] = {-1, -1};
    if (pipe2(gate, O_CLOEXEC) < 0) {
        report_error("pipe2", "helper gate", errno);
        return 1;
    }
    int into_failed;
    pid_t child = clone_child(&pp, 1, &into_failed);
    if (child < 0) {
        report_error("clone3", "container PID 1", errno);
        return 1;
    }
    if (child == 0) {
        close(gate[1]);
        child_run(&plan, gate[0]);
    }

    close(gate[0]);
    report_pid(child);
    if (place_child(&pp, child, into_failed) < 0) {
        kill(child, SIGKILL);
        return 1;
    }
    if (pp.await_jvm) {
        char go;
        ssize_t n;
        while ((n = read(GO_FD, &go, 1)) < 0 && errno == EINTR)
            ;
        if (n != 1) {
            kill(child, SIGKILL); /* the JVM gave up on this start */
            return 1;
        }
    }
    if (write(gate[1], "g", 1) != 1) {
        report_error("write", "helper gate", errno);
        kill(child, SIGKILL);
        return 1;
    }
    return 0;
}
