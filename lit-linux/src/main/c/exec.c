/*
 * The last step: execute the command, either as PID 1 itself or under a tiny init
 * that stays PID 1, reaps zombies, forwards signals and reports how the command ended.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helper.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* execve, searching the container's PATH (from envp, not ours) when the name has no slash. */
static void exec_command(const char *file, char **argv, char **envp)
{
    if (strchr(file, '/')) {
        execve(file, argv, envp);
        return;
    }
    const char *path = DEFAULT_PATH;
    for (char **e = envp; *e; e++)
        if (!strncmp(*e, "PATH=", 5))
            path = *e + 5;
    int seen_eacces = 0, last = ENOENT;
    char candidate[4096];
    for (const char *dir = path;; ) {
        const char *end = strchrnul(dir, ':');
        size_t dlen = (size_t)(end - dir);
        if (dlen + strlen(file) + 2 < sizeof candidate) {
            memcpy(candidate, dlen ? dir : ".", dlen ? dlen : 1);
            size_t at = dlen ? dlen : 1;
            candidate[at] = '/';
            strcpy(candidate + at + 1, file);
            execve(candidate, argv, envp);
            if (errno == EACCES)
                seen_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                last = errno;
        }
        if (!*end)
            break;
        dir = end + 1;
    }
    errno = seen_eacces ? EACCES : last;
}

int exec_ctty;

/* After setsid: the terminal on stdin becomes the session's controlling terminal. */
int exec_take_ctty(void)
{
    if (exec_ctty && ioctl(0, TIOCSCTTY, 0) < 0) {
        report_error("ioctl", "TIOCSCTTY on stdin (the pseudo-terminal)", errno);
        return -1;
    }
    return 0;
}

static void reset_signals(void)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    for (int s = 1; s < NSIG; s++)
        sigaction(s, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static void __attribute__((noreturn)) run_direct(const char *file, char **argv, char **envp)
{
    setsid();
    if (exec_take_ctty() < 0)
        _exit(126);
    exec_command(file, argv, envp);
    report_error("execve", file, errno);
    _exit(127);
}

static void __attribute__((noreturn)) run_init(const char *file, char **argv, char **envp)
{
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &all, NULL);

    int exec_pipe[2];
    if (pipe2(exec_pipe, O_CLOEXEC) < 0) {
        report_error("pipe2", "init exec pipe", errno);
        _exit(126);
    }
    pid_t child = fork();
    if (child < 0) {
        report_error("fork", "command under init", errno);
        _exit(126);
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &none, NULL);
        setsid();
        if (exec_take_ctty() < 0)
            _exit(126);
        exec_command(file, argv, envp);
        int err = errno;
        while (write(exec_pipe[1], &err, sizeof err) < 0 && errno == EINTR)
            ;
        _exit(127);
    }
    close(exec_pipe[1]);
    prctl(PR_SET_NAME, "lit-init");
    prctl(PR_SET_DUMPABLE, 0);
    /* The init holds no stdio of its own: the JVM sees end of file when the command's side closes. */
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd < 3; fd++) {
        if (devnull >= 0)
            dup2(devnull, fd);
        else
            close(fd);
    }
    if (devnull > 2)
        close(devnull);

    int err = 0;
    ssize_t n;
    while ((n = read(exec_pipe[0], &err, sizeof err)) < 0 && errno == EINTR)
        ;
    close(exec_pipe[0]);
    if (n == (ssize_t)sizeof err) {
        waitpid(child, NULL, 0);
        report_error("execve", file, err);
        _exit(127);
    }
    report_started();

    for (;;) {
        siginfo_t info;
        int sig = sigwaitinfo(&all, &info);
        if (sig < 0)
            continue;
        if (sig != SIGCHLD) {
            kill(child, sig);
            continue;
        }
        int status;
        pid_t done;
        while ((done = waitpid(-1, &status, WNOHANG)) > 0) {
            if (done != child)
                continue;
            if (WIFSIGNALED(status)) {
                report_signal(WTERMSIG(status));
                _exit(128 + WTERMSIG(status));
            }
            report_exit(WEXITSTATUS(status));
            _exit(WEXITSTATUS(status));
        }
    }
}

/* Reads "exec <init 0|1> <argc> argv... <envc> env..." and runs it. */
void exec_run(struct plan *p)
{
    long use_init = plan_number(p, 10);
    long argc = plan_number(p, 10);
    if (argc < 1 || argc > 1 << 20) {
        report_plan_error("exec: bad argument count");
        _exit(126);
    }
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    for (long i = 0; argv && i < argc; i++)
        argv[i] = (char *)plan_word(p);
    long envc = plan_number(p, 10);
    char **envp = envc >= 0 && envc < 1 << 20 ? calloc((size_t)envc + 1, sizeof *envp) : NULL;
    for (long i = 0; envp && i < envc; i++)
        envp[i] = (char *)plan_word(p);
    if (!argv || !envp || !argv[argc - 1] || (envc > 0 && !envp[envc - 1])) {
        report_plan_error("exec: truncated argument or environment list");
        _exit(126);
    }
    reset_signals();
    if (use_init)
        run_init(argv[0], argv, envp);
    run_direct(argv[0], argv, envp);
}
