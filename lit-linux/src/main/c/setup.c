/*
 * The child's steps in its new namespaces, in the order the plan lists them,
 * up to the final "exec" word. Each step reports its own failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

static const char *or_null(const char *s) { return (s && *s) ? s : NULL; }

static int fail(const char *syscall_name, const char *detail)
{
    report_error(syscall_name, detail, errno);
    return -1;
}

static int step_mount(struct plan *p)
{
    const char *src = plan_word(p), *target = plan_word(p), *type = plan_word(p);
    long flags = plan_number(p, 10);
    const char *data = plan_word(p);
    if (!data)
        return report_plan_error("mount: missing arguments"), -1;
    if (mount(or_null(src), target, or_null(type), (unsigned long)flags, or_null(data)) == 0)
        return 0;
    char detail[800];
    snprintf(detail, sizeof detail, "%s on %s (type %s)", *src ? src : "none", target, *type ? type : "none");
    return fail("mount", detail);
}

/* mkdir -p; existing directories are fine. */
static int step_mkdir(struct plan *p)
{
    const char *path = plan_word(p);
    long mode = plan_number(p, 8);
    if (!path)
        return report_plan_error("mkdir: missing arguments"), -1;
    char buf[4096];
    if (strlen(path) >= sizeof buf)
        return errno = ENAMETOOLONG, fail("mkdir", path);
    strcpy(buf, path);
    for (char *s = buf + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char saved = *s;
            *s = '\0';
            if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
                return fail("mkdir", buf);
            *s = saved;
            if (saved == '\0')
                break;
        }
    }
    return 0;
}

/* An empty regular file, as the target of a file bind mount. */
static int step_touch(struct plan *p)
{
    const char *path = plan_word(p);
    if (!path)
        return report_plan_error("touch: missing arguments"), -1;
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return fail("open", path);
    close(fd);
    return 0;
}

static int step_symlink(struct plan *p)
{
    const char *target = plan_word(p), *link = plan_word(p);
    if (!link)
        return report_plan_error("symlink: missing arguments"), -1;
    if (symlink(target, link) < 0 && errno != EEXIST)
        return fail("symlink", link);
    return 0;
}

/* pivot_root(".", ".") then detach the old root: no temporary directory needed. */
static int step_pivot_root(struct plan *p)
{
    const char *root = plan_word(p);
    if (!root)
        return report_plan_error("pivot-root: missing arguments"), -1;
    if (chdir(root) < 0)
        return fail("chdir", root);
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        return fail("pivot_root", root);
    inroot_close();
    if (umount2(".", MNT_DETACH) < 0)
        return fail("umount2", "old root");
    if (chdir("/") < 0)
        return fail("chdir", "/");
    return 0;
}

static int step_hostname(struct plan *p)
{
    const char *name = plan_word(p);
    if (!name)
        return report_plan_error("hostname: missing arguments"), -1;
    if (sethostname(name, strlen(name)) < 0)
        return fail("sethostname", name);
    return 0;
}

static int step_loopback_up(void)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail("socket", "AF_INET for lo");
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    int rc = ioctl(fd, SIOCGIFFLAGS, &ifr);
    if (rc == 0) {
        ifr.ifr_flags |= IFF_UP;
        rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return rc < 0 ? fail("ioctl", "SIOCSIFFLAGS lo up") : 0;
}

static int step_unshare(struct plan *p)
{
    long flags = plan_number(p, 10);
    if (unshare((int)flags) < 0)
        return fail("unshare", "namespaces after cgroup placement");
    return 0;
}

static int step_chdir(struct plan *p)
{
    const char *dir = plan_word(p);
    if (!dir)
        return report_plan_error("chdir: missing arguments"), -1;
    if (chdir(dir) < 0)
        return fail("chdir", dir);
    return 0;
}

static int step_pdeathsig(struct plan *p)
{
    long sig = plan_number(p, 10);
    if (prctl(PR_SET_PDEATHSIG, sig) < 0)
        return fail("prctl", "PR_SET_PDEATHSIG");
    return 0;
}

int setup_run(struct plan *p)
{
    const char *op;
    while ((op = plan_word(p))) {
        int rc;
        if (!strcmp(op, "exec")) {
            return 0;
        } else if (!strcmp(op, "mount")) {
            rc = step_mount(p);
        } else if (!strcmp(op, "mkdir")) {
            rc = step_mkdir(p);
        } else if (!strcmp(op, "touch")) {
            rc = step_touch(p);
        } else if (!strcmp(op, "symlink")) {
            rc = step_symlink(p);
        } else if (!strcmp(op, "pivot-root")) {
            rc = step_pivot_root(p);
        } else if (!strcmp(op, "hostname")) {
            rc = step_hostname(p);
        } else if (!strcmp(op, "loopback-up")) {
            rc = step_loopback_up();
        } else if (!strcmp(op, "unshare")) {
            rc = step_unshare(p);
        } else if (!strcmp(op, "chdir")) {
            rc = step_chdir(p);
        } else if (!strcmp(op, "pdeathsig")) {
            rc = step_pdeathsig(p);
        } else if (!strcmp(op, "ctty")) {
            exec_ctty = 1; /* taken after setsid, just before execve (exec.c) */
            rc = 0;
        } else if ((rc = inroot_step(op, p)) != 1 || (rc = security_step(op, p)) != 1) {
            /* done by inroot.c or security.c */
        } else {
            char what[200];
            snprintf(what, sizeof what, "unknown step '%.100s'", op);
            report_plan_error(what);
            return -1;
        }
        if (rc < 0)
            return -1;
    }
    report_plan_error("the plan has no exec step");
    return -1;
}
