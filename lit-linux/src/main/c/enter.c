/*
 * Exec into a running container. The helper moves itself into the container's cgroups
 * (while host paths are still visible), then joins its namespaces through the pidfd of the
 * container's PID 1 in one setns call (the kernel orders user namespace first and makes it
 * all or nothing). The child the helper clones next is then born in the container's pid
 * namespace and cgroups; its steps and exec run as for PID 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"

static int join_cgroup(const char *procs)
{
    int fd = open(procs, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    /* "0" names the writer itself */
    ssize_t w = write(fd, "0", 1);
    int saved = errno;
    close(fd);
    errno = saved;
    return w == 1 ? 0 : -1;
}

int enter_container(struct parent_plan *pp)
{
    if (pp->into) {
        char procs[4200];
        snprintf(procs, sizeof procs, "%s/cgroup.procs", pp->into);
        if (join_cgroup(procs) < 0)
            return report_error("write", procs, errno), -1;
        pp->into = NULL;
    }
    for (int i = 0; i < pp->njoins; i++)
        if (join_cgroup(pp->joins[i]) < 0)
            return report_error("write", pp->joins[i], errno), -1;
    pp->njoins = 0;
    if (setns(GO_FD, (int)pp->enter_flags) < 0)
        return report_error("setns", "the container's namespaces (pidfd of its PID 1)", errno), -1;
    close(GO_FD);
    /* the child is cloned into no new namespace: it inherits the ones just joined */
    pp->flags = 0;
    return 0;
}
