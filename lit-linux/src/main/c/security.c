/*
 * Confinement steps, applied in the order the plan gives (Java decides the order):
 * the capability bounding set, the user and groups, the capability sets, no_new_privs and
 * the seccomp filter.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

static int fail(const char *syscall_name, const char *detail)
{
    report_error(syscall_name, detail, errno);
    return -1;
}

static uint64_t hex64(struct plan *p)
{
    const char *w = plan_word(p);
    return w ? strtoull(w, NULL, 16) : 0;
}

static int last_cap(void)
{
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    int last = 40;
    if (f) {
        if (fscanf(f, "%d", &last) != 1)
            last = 40;
        fclose(f);
    }
    return last;
}

/* "bounding <mask>": drops every capability not in the mask from the bounding set. */
static int step_bounding(struct plan *p)
{
    uint64_t keep = hex64(p);
    int last = last_cap();
    for (int cap = 0; cap <= last && cap < 64; cap++) {
        if (keep & (1ULL << cap))
            continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL) {
            char what[64];
            snprintf(what, sizeof what, "PR_CAPBSET_DROP %d", cap);
            return fail("prctl", what);
        }
    }
    return 0;
}

/* "user <uid> <gid> <n> <groups...>": switches identity, keeping permitted capabilities for "caps". */
static int step_user(struct plan *p)
{
    long uid = plan_number(p, 10), gid = plan_number(p, 10), n = plan_number(p, 10);
    if (n < 0 || n > 64)
        return report_plan_error("user: bad group count"), -1;
    gid_t groups[64];
    for (long i = 0; i < n; i++)
        groups[i] = (gid_t)plan_number(p, 10);
    int pdeathsig = 0;
    prctl(PR_GET_PDEATHSIG, &pdeathsig, 0, 0, 0);
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
        return fail("prctl", "PR_SET_KEEPCAPS");
    if (setgroups((size_t)n, groups) < 0 && !(errno == EPERM && n == 0))
        return fail("setgroups", "supplementary groups");
    if (setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid) < 0)
        return fail("setresgid", "container group");
    if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) < 0)
        return fail("setresuid", "container user");
    /* a change of credentials clears the parent-death signal: keep it */
    if (pdeathsig && prctl(PR_SET_PDEATHSIG, pdeathsig, 0, 0, 0) < 0)
        return fail("prctl", "PR_SET_PDEATHSIG");
    return 0;
}

/* "caps <effective> <permitted> <inheritable> <ambient>", each a 64-bit mask in hex. */
static int step_caps(struct plan *p)
{
    uint64_t eff = hex64(p), perm = hex64(p), inh = hex64(p), amb = hex64(p);
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    data[0].effective = (uint32_t)eff;
    data[1].effective = (uint32_t)(eff >> 32);
    data[0].permitted = (uint32_t)perm;
    data[1].permitted = (uint32_t)(perm >> 32);
    data[0].inheritable = (uint32_t)inh;
    data[1].inheritable = (uint32_t)(inh >> 32);
    if (syscall(SYS_capset, &header, data) < 0)
        return fail("capset", "container capabilities");
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        return fail("prctl", "PR_CAP_AMBIENT_CLEAR_ALL");
    for (int cap = 0; cap < 64; cap++) {
        if ((amb & (1ULL << cap)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) {
            char what[64];
            snprintf(what, sizeof what, "PR_CAP_AMBIENT_RAISE %d", cap);
            return fail("prctl", what);
        }
    }
    return 0;
}

static int step_no_new_privs(void)
{
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return fail("prctl", "PR_SET_NO_NEW_PRIVS");
    return 0;
}

/* "seccomp <hex>": a classic BPF program, struct sock_filter entries in host byte order. */
static int step_seccomp(struct plan *p)
{
    const char *hex = plan_word(p);
    size_t len = hex ? strlen(hex) : 0;
    if (len == 0 || len % 16 != 0)
        return report_plan_error("seccomp: the program is not whole sock_filter entries"), -1;
    size_t bytes = len / 2;
    unsigned char *prog = malloc(bytes);
    if (!prog)
        return fail("malloc", "seccomp program");
    for (size_t i = 0; i < bytes; i++) {
        unsigned int b;
        if (sscanf(hex + 2 * i, "%2x", &b) != 1) {
            free(prog);
            return report_plan_error("seccomp: not hexadecimal"), -1;
        }
        prog[i] = (unsigned char)b;
    }
    struct sock_fprog fprog = {(unsigned short)(bytes / sizeof(struct sock_filter)), (struct sock_filter *)prog};
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0) {
        int saved = errno;
        free(prog);
        errno = saved;
        return fail("seccomp", "SECCOMP_SET_MODE_FILTER");
    }
    free(prog);
    return 0;
}

/* "become-root": in a new user namespace whose map is written, take uid and gid 0 there. */
static int step_become_root(void)
{
    int pdeathsig = 0;
    prctl(PR_GET_PDEATHSIG, &pdeathsig, 0, 0, 0);
    if (setresgid(0, 0, 0) < 0)
        return fail("setresgid", "root in the user namespace (is the gid map written?)");
    if (setresuid(0, 0, 0) < 0)
        return fail("setresuid", "root in the user namespace (is the uid map written?)");
    if (setgroups(0, NULL) < 0 && errno != EPERM)
        return fail("setgroups", "no supplementary groups");
    if (pdeathsig && prctl(PR_SET_PDEATHSIG, pdeathsig, 0, 0, 0) < 0)
        return fail("prctl", "PR_SET_PDEATHSIG");
    return 0;
}

/* "lsm-exec <module> <value>": the AppArmor profile or SELinux label the execve enters. */
static int step_lsm_exec(struct plan *p)
{
    const char *module = plan_word(p), *value = plan_word(p);
    if (!value)
        return report_plan_error("lsm-exec: missing arguments"), -1;
    char file[128];
    snprintf(file, sizeof file, "/proc/thread-self/attr/%s/exec", module);
    int fd = open(file, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        fd = open("/proc/thread-self/attr/exec", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", file);
    ssize_t n = write(fd, value, strlen(value));
    int saved = errno;
    close(fd);
    if (n < 0)
        return errno = saved, fail("write", file);
    return 0;
}

int security_step(const char *op, struct plan *p)
{
    if (!strcmp(op, "lsm-exec"))
        return step_lsm_exec(p);
    if (!strcmp(op, "bounding"))
        return step_bounding(p);
    if (!strcmp(op, "user"))
        return step_user(p);
    if (!strcmp(op, "caps"))
        return step_caps(p);
    if (!strcmp(op, "no-new-privs"))
        return step_no_new_privs();
    if (!strcmp(op, "seccomp"))
        return step_seccomp(p);
    if (!strcmp(op, "become-root"))
        return step_become_root();
    return 1; /* not a security step */
}
