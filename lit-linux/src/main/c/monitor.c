/*
 * Monitor mode: the supervisor of a detached container, so that it outlives the JVM.
 *
 * The helper forks a monitor into its own session and exits; the monitor is PID 1's parent
 * (and a subreaper). It holds the read ends of PID 1's stdout and stderr and writes each
 * line to the container's log, "<RFC 3339 nanos> <stdout|stderr> <F|P> <text>" (F a full
 * line, P a part of a longer one), rotating the file at its cap. It writes what the JVM and
 * the CLI read about the container into "status" in the state directory, atomically:
 *   monitor=<pid>@<start>  state=running|restarting|exited  pid=<pid>@<start>
 *   restarts=<n>  started=<time>  exit=<code> | signal=<n>  finished=<time>
 * When PID 1 ends it restarts it as the restart policy says (backoff 100 ms doubling up to
 * 60 s, back to 100 ms after 10 s of running), unless a "stop" file exists in the state
 * directory: Lit creates it before it signals a container it stops. Then it exits.
 * The first start reports to the JVM like the plain helper; later starts report to
 * "reports" in the state directory. PID 1's stdin is /dev/null, or with "stdin-fifo" the FIFO
 * "stdin" in the state directory, which the monitor holds open for reading and writing so that
 * it stays open across writers (and restarts) as Docker's -i does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helper.h"

#define LINE_MAX_BYTES 16384
#define BACKOFF_FIRST_MS 100
#define BACKOFF_MAX_MS 60000
#define BACKOFF_RESET_MS 10000

struct stream {
    int fd;
    const char *name;
    size_t len;
    char buf[LINE_MAX_BYTES];
};

static struct parent_plan *cfg;
static int log_fd = -1;
static long log_size;
static char monitor_id[64];
static char pid_id[64];
static char started_at[48];
static long restarts;
static char last_ending[128];

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", cfg->detach_dir, name);
}

/* pid@start, the start time being /proc/PID/stat field 22, as Java's ProcessIdentity. */
static void identity(pid_t pid, char *out, size_t size)
{
    char path[64], stat[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    snprintf(out, size, "%d@0", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    ssize_t n = read(fd, stat, sizeof stat - 1);
    close(fd);
    if (n <= 0)
        return;
    stat[n] = '\0';
    char *s = strrchr(stat, ')');
    for (int field = 2; s && field < 22; field++)
        s = strchr(s + 1, ' ');
    if (s)
        snprintf(out, size, "%d@%ld", pid, strtol(s + 1, NULL, 10));
}

static void now_text(char *out, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(out, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, size - n, ".%09ldZ", ts.tv_nsec);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Replaces the status file in one rename, so a reader never sees half of it. */
static void write_status(const char *state, const char *ending)
{
    char path[4200], tmp[4200], text[1024];
    path_in(path, sizeof path, "status");
    path_in(tmp, sizeof tmp, "status.tmp");
    int n = snprintf(text, sizeof text, "monitor=%s\nstate=%s\npid=%s\nrestarts=%ld\nstarted=%s\n%s",
                     monitor_id, state, pid_id, restarts, started_at, ending ? ending : "");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    ssize_t w = write(fd, text, (size_t)n);
    close(fd);
    if (w == n)
        rename(tmp, path);
}

static void log_open(void)
{
    log_fd = open(cfg->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    struct stat st;
    log_size = (log_fd >= 0 && fstat(log_fd, &st) == 0) ? st.st_size : 0;
}

/* container.log becomes .1, .1 becomes .2 and so on; the oldest beyond the count goes. */
static void log_rotate(void)
{
    close(log_fd);
    char from[4200], to[4200];
    for (long i = cfg->log_files - 1; i >= 1; i--) {
        if (i == 1)
            snprintf(from, sizeof from, "%s", cfg->log_path);
        else
            snprintf(from, sizeof from, "%s.%ld", cfg->log_path, i - 1);
        snprintf(to, sizeof to, "%s.%ld", cfg->log_path, i);
        rename(from, to);
    }
    if (cfg->log_files <= 1)
        unlink(cfg->log_path);
    log_open();
}

static void log_line(struct stream *s, const char *text, size_t len, char tag)
{
    if (log_fd < 0)
        return;
    char head[96];
    now_text(head, 48);
    size_t h = strlen(head);
    h += (size_t)snprintf(head + h, sizeof head - h, " %s %c ", s->name, tag);
    char line[LINE_MAX_BYTES + 128];
    memcpy(line, head, h);
    memcpy(line + h, text, len);
    line[h + len] = '\n';
    ssize_t w = write(log_fd, line, h + len + 1);
    if (w > 0)
        log_size += w;
    if (cfg->log_max > 0 && log_size >= cfg->log_max)
        log_rotate();
}

/* Reads what is there; logs each full line, and the buffer as a part when it fills up. */
static int stream_read(struct stream *s)
{
    ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - s->len);
    if (n <= 0)
        return (int)n;
    s->len += (size_t)n;
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->buf[i] == '\n') {
            log_line(s, s->buf + start, i - start, 'F');
            start = i + 1;
        }
    }
    if (start == 0 && s->len == sizeof s->buf) {
        log_line(s, s->buf, s->len, 'P');
        start = s->len;
    }
    memmove(s->buf, s->buf + start, s->len - start);
    s->len -= start;
    return 1;
}

static void stream_drain(struct stream *s)
{
    while (stream_read(s) > 0)
        ;
    if (s->len > 0)
        log_line(s, s->buf, s->len, 'F');
    s->len = 0;
}

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t w = write(fd, text, strlen(text));
    close(fd);
    return w == (ssize_t)strlen(text) ? 0 : -1;
}

/* Clones, places and releases PID 1; returns its pid or -1 after reporting. */
static pid_t launch(struct plan *p, size_t child_pos, int first)
{
    p->pos = child_pos;
    /* the reports file keeps the last run's records only */
    if (!first && ftruncate(REPORT_FD, 0) < 0)
        report_error("ftruncate", "monitor reports", errno);
    int gate[2];
    if (pipe2(gate, O_CLOEXEC) < 0)
        return report_error("pipe2", "monitor gate", errno), -1;
    int into_failed;
    pid_t child = clone_child(cfg, 0, &into_failed);
    if (child < 0) {
        report_error("clone3", "container PID 1", errno);
        close(gate[0]);
        close(gate[1]);
        return -1;
    }
    if (child == 0) {
        close(gate[1]);
        child_run(p, gate[0]);
    }
    close(gate[0]);
    report_pid(child);
    int ok = place_child(cfg, child, into_failed) == 0;
    if (ok && cfg->uid_map && !(first && cfg->await_jvm)) { /* the JVM writes the first maps */
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/uid_map", child);
        ok = write_file(path, cfg->uid_map) == 0 || (report_error("write", path, errno), 0);
        snprintf(path, sizeof path, "/proc/%d/gid_map", child);
        ok = ok && (write_file(path, cfg->gid_map) == 0 || (report_error("write", path, errno), 0));
    }
    if (ok && first && cfg->await_jvm) {
        char go;
        ssize_t n;
        while ((n = read(GO_FD, &go, 1)) < 0 && errno == EINTR)
            ;
        ok = n == 1;
    }
    if (ok && write(gate[1], "g", 1) != 1)
        ok = (report_error("write", "monitor gate", errno), 0);
    close(gate[1]);
    if (!ok) {
        kill(child, SIGKILL);
        waitpid(child, NULL, 0);
        return -1;
    }
    identity(child, pid_id, sizeof pid_id);
    now_text(started_at, sizeof started_at);
    write_status("running", NULL);
    return child;
}

static int should_restart(int status)
{
    char stop[4200];
    path_in(stop, sizeof stop, "stop");
    if (access(stop, F_OK) == 0)
        return 0;
    int failed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    switch (cfg->restart_kind) {
    case 1:
        return failed && (cfg->restart_max <= 0 || restarts < cfg->restart_max);
    case 2:
    case 3:
        return 1;
    default:
        return 0;
    }
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

/* --rm: the container's cgroups and state directory go with it (Lit's cleanup pass does the rest). */
static void remove_container(void)
{
    for (int i = 0; i < cfg->njoins; i++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s", cfg->joins[i]);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            rmdir(dir);
        }
    }
    if (cfg->into)
        rmdir(cfg->into);
    nftw(cfg->detach_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int monitor_run(struct plan *p, struct parent_plan *pp)
{
    cfg = pp;
    size_t child_pos = p->pos;
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
        return report_error("pipe2", "container output", errno), 1;
    pid_t monitor = fork();
    if (monitor < 0)
        return report_error("fork", "monitor", errno), 1;
    if (monitor > 0)
        return 0; /* the JVM reaps the helper; the monitor carries on as an orphan */

    setsid();
    if (chdir("/") < 0) /* keep none of the JVM's directories busy */
        _exit(1);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    prctl(PR_SET_NAME, "lit-monitor");
    identity(getpid(), monitor_id, sizeof monitor_id);
    /* PID 1 gets /dev/null or the FIFO as stdin and our pipes as stdout and stderr; we keep none of the JVM's. */
    int in;
    if (cfg->stdin_fifo) {
        char fifo[4200];
        path_in(fifo, sizeof fifo, "stdin");
        if (mkfifo(fifo, 0600) < 0 && errno != EEXIST)
            return report_error("mkfifo", fifo, errno), 1;
        in = open(fifo, O_RDWR | O_CLOEXEC);
        if (in < 0)
            return report_error("open", fifo, errno), 1;
    } else {
        in = open("/dev/null", O_RDWR | O_CLOEXEC);
    }
    dup2(in, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(in);
    close(out[1]);
    close(err[1]);
    static struct stream streams[2];
    streams[0].fd = out[0];
    streams[0].name = "stdout";
    streams[1].fd = err[0];
    streams[1].name = "stderr";
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    fcntl(err[0], F_SETFL, O_NONBLOCK);
    log_open();
    write_status("starting", NULL);

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGPIPE);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

    pid_t child = launch(p, child_pos, 1);
    /* Later reports (a restart that fails) go to a file: the JVM may be gone. */
    char reports[4200];
    path_in(reports, sizeof reports, "reports");
    int rfd = open(reports, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (rfd >= 0) {
        dup2(rfd, REPORT_FD);
        close(rfd);
    }
    close(GO_FD);
    if (child < 0) {
        write_status("exited", "exit=127\nfailed=start\n");
        return 1;
    }
    /* Lit's init reports the command's end on its own pipe: blocked SIGPIPE keeps it alive. */

    long run_start = now_ms(), backoff = BACKOFF_FIRST_MS, restart_at = -1;
    int stopping = 0;
    for (;;) {
        struct pollfd fds[3] = {
            {streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}, {sfd, POLLIN, 0}};
        int timeout = -1;
        if (restart_at >= 0) {
            long left = restart_at - now_ms();
            timeout = left < 0 ? 0 : (int)(left > 100 ? 100 : left);
        }
        int n = poll(fds, 3, timeout);
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++)
            if (fds[i].revents & (POLLIN | POLLHUP))
                stream_read(&streams[i]);
        if (fds[2].revents & POLLIN) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
                if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
                    /* someone stops the monitor: stop the container, and no more restarts (SIGHUP is ignored) */
                    stopping = 1;
                    if (child > 0)
                        kill(child, (int)si.ssi_signo);
                }
                if (si.ssi_signo != SIGCHLD)
                    continue;
                int status;
                pid_t done;
                while ((done = waitpid(-1, &status, WNOHANG)) > 0) {
                    if (done != child)
                        continue;
                    child = -1;
                    stream_drain(&streams[0]);
                    stream_drain(&streams[1]);
                    char at[48];
                    now_text(at, sizeof at);
                    if (WIFSIGNALED(status))
                        snprintf(last_ending, sizeof last_ending, "signal=%d\nfinished=%s\n", WTERMSIG(status), at);
                    else
                        snprintf(last_ending, sizeof last_ending, "exit=%d\nfinished=%s\n", WEXITSTATUS(status), at);
                    if (stopping || !should_restart(status)) {
                        write_status("exited", last_ending);
                        if (cfg->autoremove)
                            remove_container();
                        return 0;
                    }
                    if (now_ms() - run_start >= BACKOFF_RESET_MS)
                        backoff = BACKOFF_FIRST_MS;
                    restart_at = now_ms() + backoff;
                    backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
                    write_status("restarting", last_ending);
                }
            }
        }
        if (restart_at >= 0) {
            char stop[4200];
            path_in(stop, sizeof stop, "stop");
            if (stopping || access(stop, F_OK) == 0) {
                write_status("exited", last_ending);
                if (cfg->autoremove)
                    remove_container();
                return 0;
            }
            if (now_ms() >= restart_at) {
                restart_at = -1;
                restarts++;
                run_start = now_ms();
                child = launch(p, child_pos, 0);
                if (child < 0) {
                    write_status("exited", "exit=127\nfailed=restart\n");
                    return 1;
                }
            }
        }
    }
    return 1;
}
