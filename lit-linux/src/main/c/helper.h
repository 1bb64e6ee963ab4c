/*
 * lit-helper: executes a plan computed in Java between clone and exec.
 * Policy lives in Java; this program only performs the steps it is given.
 *
 * File descriptors on entry: 0-2 the container's stdio, 3 the plan (read to EOF),
 * 4 the report pipe back to the JVM (see report.c), 5 (when the plan awaits the JVM) the
 * pipe on which the JVM says "go" after writing the child's user namespace maps, or (for an
 * exec into a running container) a pidfd of the container's PID 1.
 */
#ifndef LIT_HELPER_H
#define LIT_HELPER_H

#include <stddef.h>
#include <sys/types.h>

#define PLAN_FD 3
#define REPORT_FD 4
#define GO_FD 5

struct plan;

/* helper.c: the parent part of the plan, and the clone of PID 1 with its placement. */
#define MAX_JOINS 16
struct parent_plan {
    long flags;
    const char *into;
    const char *joins[MAX_JOINS];
    int njoins;
    int await_jvm;
    long enter_flags; /* nonzero: join the namespaces of the process whose pidfd is GO_FD */
    /* monitor mode (monitor.c): set by "detach" and its companion steps */
    const char *detach_dir;
    const char *log_path;
    long log_max;
    long log_files;
    long restart_kind; /* 0 no, 1 on-failure, 2 always, 3 unless-stopped */
    long restart_max;
    const char *uid_map;
    const char *gid_map;
    int autoremove;
    int stdin_fifo; /* PID 1's stdin is the FIFO "stdin" in the state directory, kept open */
};
/* Clones PID 1; as_sibling makes it the caller's parent's child (CLONE_PARENT). */
pid_t clone_child(struct parent_plan *pp, int as_sibling, int *into_failed);
/* Writes PID 1 into its cgroups after a failed CLONE_INTO_CGROUP; 0 or -1 after reporting. */
int place_child(struct parent_plan *pp, pid_t child, int into_failed);
/* The child side after clone: waits at the gate, runs the steps and execs. */
void child_run(struct plan *p, int gate_fd) __attribute__((noreturn));

/* monitor.c: the supervisor of a detached container. Returns the helper's exit code. */
int monitor_run(struct plan *p, struct parent_plan *pp);

/* plan.c: the plan is a sequence of NUL-terminated words. */
struct plan {
    char *buf;
    size_t len;
    size_t pos;
};
int plan_read(struct plan *p, int fd);
const char *plan_word(struct plan *p);      /* next word, or NULL at the end */
long plan_number(struct plan *p, int base); /* next word as a number */
int plan_at_end(const struct plan *p);

/* report.c: records sent to the JVM, one line each, tab-separated. */
void report_pid(long pid);
void report_started(void);
void report_exit(int code);
void report_signal(int sig);
void report_error(const char *syscall_name, const char *detail, int err);
void report_plan_error(const char *what);

/* setup.c: the child's steps before exec; returns 0 or -1 after reporting the error. */
int setup_run(struct plan *p);

/* inroot.c and security.c: return 0, -1 after reporting, or 1 if op is not theirs. */
int inroot_step(const char *op, struct plan *p);
void inroot_close(void);
int security_step(const char *op, struct plan *p);

/* enter.c: for an exec into a running container, moves the helper itself into the container's
 * cgroups and namespaces, so the child it clones next is born inside. 0, or -1 after reporting. */
int enter_container(struct parent_plan *pp);

/* exec.c: set by the "ctty" step; the command's session takes its stdin as controlling terminal. */
extern int exec_ctty;
int exec_take_ctty(void);

/* exec.c: runs the command, as PID 1 or under the tiny init. Never returns. */
void exec_run(struct plan *p) __attribute__((noreturn));

#endif
