/*
 * Records to the JVM over REPORT_FD, one line each, fields separated by tabs:
 *   pid <host pid of the container's PID 1>
 *   started                      (the command was executed; sent by the init)
 *   exit <code> | signal <n>     (how the command ended; sent by the init)
 *   error <syscall> <errno> <detail>
 * Each record is one write() below PIPE_BUF, so records never interleave.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

static void send_line(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof line - 2)
        n = sizeof line - 2;
    line[n++] = '\n';
    int saved = errno;
    while (write(REPORT_FD, line, (size_t)n) < 0 && errno == EINTR)
        ;
    errno = saved;
}

void report_pid(long pid) { send_line("pid\t%ld", pid); }
void report_started(void) { send_line("started"); }
void report_exit(int code) { send_line("exit\t%d", code); }
void report_signal(int sig) { send_line("signal\t%d", sig); }

void report_error(const char *syscall_name, const char *detail, int err)
{
    char clean[900];
    size_t i = 0;
    for (; detail && detail[i] && i < sizeof clean - 1; i++)
        clean[i] = (detail[i] == '\t' || detail[i] == '\n') ? ' ' : detail[i];
    clean[i] = '\0';
    send_line("error\t%s\t%d\t%s", syscall_name, err, clean);
}

void report_plan_error(const char *what)
{
    report_error("plan", what, EINVAL);
}
