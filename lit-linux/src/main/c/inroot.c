/*
 * Steps on paths inside the container's root, before pivot_root. Every path is resolved
 * with openat2(RESOLVE_IN_ROOT) against the root's directory descriptor, so a symbolic link
 * planted in the image resolves inside the container, never to a host path; mounts then
 * go onto /proc/self/fd/N, the exact inode that was resolved.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helper.h"

static int root_fd = -1;

static const char *or_null(const char *s) { return (s && *s) ? s : NULL; }

static int fail(const char *syscall_name, const char *detail)
{
    report_error(syscall_name, detail, errno);
    return -1;
}

void inroot_close(void)
{
    if (root_fd >= 0)
        close(root_fd);
    root_fd = -1;
}

int inroot_set(const char *rootfs)
{
    if (root_fd >= 0)
        close(root_fd);
    root_fd = open(rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
    return root_fd < 0 ? fail("open", rootfs) : 0;
}

/* An O_PATH descriptor for a container path, or -1 with errno set. */
static int resolve(const char *path, int flags)
{
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (unsigned long long)(O_PATH | O_CLOEXEC | flags);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const char *rel = path;
    while (*rel == '/')
        rel++;
    return (int)syscall(SYS_openat2, root_fd, *rel ? rel : ".", &how, sizeof how);
}

static void fd_path(char *buf, size_t len, int fd)
{
    snprintf(buf, len, "/proc/self/fd/%d", fd);
}

/* Splits "/a/b/c" into a resolved parent descriptor and the last name. */
static int resolve_parent(const char *path, char *name, size_t name_len)
{
    char parent[4096];
    if (strlen(path) >= sizeof parent)
        return errno = ENAMETOOLONG, -1;
    strcpy(parent, path);
    char *slash = strrchr(parent, '/');
    const char *last = slash ? slash + 1 : parent;
    if (!*last || strlen(last) >= name_len)
        return errno = EINVAL, -1;
    memcpy(name, last, strlen(last) + 1);
    if (slash)
        *slash = '\0';
    return resolve(slash && parent[0] ? parent : "/", O_DIRECTORY);
}

/* mkdir -p inside the root: each missing component is created under its resolved parent. */
static int mkdir_in(const char *path, mode_t mode)
{
    char prefix[4096];
    size_t len = strlen(path);
    if (len >= sizeof prefix)
        return errno = ENAMETOOLONG, -1;
    for (size_t i = 1; i <= len; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        memcpy(prefix, path, i);
        prefix[i] = '\0';
        int fd = resolve(prefix, 0);
        if (fd >= 0) {
            close(fd);
            continue;
        }
        if (errno != ENOENT)
            return -1;
        char name[256];
        int parent = resolve_parent(prefix, name, sizeof name);
        if (parent < 0)
            return -1;
        int rc = mkdirat(parent, name, mode);
        int saved = errno;
        close(parent);
        if (rc < 0 && saved != EEXIST)
            return errno = saved, -1;
    }
    return 0;
}

static int step_mkdir_in(struct plan *p)
{
    const char *path = plan_word(p);
    long mode = plan_number(p, 8);
    if (!path)
        return report_plan_error("mkdir-in: missing arguments"), -1;
    return mkdir_in(path, (mode_t)mode) < 0 ? fail("mkdir", path) : 0;
}

static int step_touch_in(struct plan *p)
{
    const char *path = plan_word(p);
    if (!path)
        return report_plan_error("touch-in: missing arguments"), -1;
    char name[256];
    int parent = resolve_parent(path, name, sizeof name);
    if (parent < 0)
        return fail("openat2", path);
    /* An existing file is a mount point as it is: no write access needed (a read-only /etc in a user namespace). */
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode)) {
        close(parent);
        return 0;
    }
    int fd = openat(parent, name, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    int saved = errno;
    close(parent);
    if (fd < 0 && saved == ELOOP)
        return errno = saved, fail("open (a symbolic link is in the way)", path);
    if (fd < 0 && saved != EISDIR)
        return errno = saved, fail("open", path);
    if (fd >= 0)
        close(fd);
    return 0;
}

static int step_symlink_in(struct plan *p)
{
    const char *target = plan_word(p), *path = plan_word(p);
    if (!path)
        return report_plan_error("symlink-in: missing arguments"), -1;
    char name[256];
    int parent = resolve_parent(path, name, sizeof name);
    if (parent < 0)
        return fail("openat2", path);
    int rc = symlinkat(target, parent, name);
    int saved = errno;
    close(parent);
    if (rc < 0 && saved != EEXIST)
        return errno = saved, fail("symlink", path);
    return 0;
}

static int mount_at(const char *src, const char *path, const char *type, unsigned long flags, const char *data)
{
    int fd = resolve(path, 0);
    if (fd < 0)
        return fail("openat2", path);
    char target[64];
    fd_path(target, sizeof target, fd);
    int rc = mount(or_null(src), target, or_null(type), flags, or_null(data));
    int saved = errno;
    close(fd);
    if (rc < 0) {
        char detail[800];
        errno = saved;
        snprintf(detail, sizeof detail, "%s on %s (type %s)", src && *src ? src : "none", path, type && *type ? type : "none");
        return fail("mount", detail);
    }
    return 0;
}

static int step_mount_in(struct plan *p)
{
    const char *src = plan_word(p), *path = plan_word(p), *type = plan_word(p);
    long flags = plan_number(p, 10);
    const char *data = plan_word(p);
    if (!data)
        return report_plan_error("mount-in: missing arguments"), -1;
    return mount_at(src, path, type, (unsigned long)flags, data);
}

/*
 * Remounts a path read-only, keeping the flags the kernel locked on it (nosuid, nodev,
 * noexec, atime): a remount that drops a locked flag fails in a user namespace.
 */
static int remount_readonly(const char *path)
{
    int fd = resolve(path, 0);
    if (fd < 0)
        return fail("openat2", path);
    struct statvfs st;
    unsigned long flags = MS_REMOUNT | MS_BIND | MS_RDONLY;
    if (fstatvfs(fd, &st) == 0) {
        if (st.f_flag & ST_NOSUID) flags |= MS_NOSUID;
        if (st.f_flag & ST_NODEV) flags |= MS_NODEV;
        if (st.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
        if (st.f_flag & ST_NOATIME) flags |= MS_NOATIME;
        if (st.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
        if (st.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    }
    char target[64];
    fd_path(target, sizeof target, fd);
    int rc = mount(NULL, target, NULL, flags, NULL);
    int saved = errno;
    close(fd);
    if (rc < 0)
        return errno = saved, fail("mount (remount read-only)", path);
    return 0;
}

static int step_remount_ro_in(struct plan *p)
{
    const char *path = plan_word(p);
    if (!path)
        return report_plan_error("remount-ro-in: missing arguments"), -1;
    return remount_readonly(path);
}

/* A path made read-only by binding it onto itself; missing paths are fine. */
static int step_readonly_in(struct plan *p)
{
    const char *path = plan_word(p);
    if (!path)
        return report_plan_error("readonly-in: missing arguments"), -1;
    int fd = resolve(path, 0);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail("openat2", path);
    char target[64];
    fd_path(target, sizeof target, fd);
    int rc = mount(target, target, NULL, MS_BIND | MS_REC, NULL);
    int saved = errno;
    close(fd);
    if (rc < 0)
        return errno = saved, fail("mount (bind for read-only)", path);
    return remount_readonly(path);
}

/* Hides a path: /dev/null over a file, an empty read-only tmpfs over a directory; missing paths are fine. */
static int step_mask_in(struct plan *p)
{
    const char *path = plan_word(p);
    if (!path)
        return report_plan_error("mask-in: missing arguments"), -1;
    int fd = resolve(path, 0);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail("openat2", path);
    struct stat st;
    int is_dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    close(fd);
    if (is_dir)
        return mount_at("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0,mode=555");
    return mount_at("/dev/null", path, "", MS_BIND, "");
}

int inroot_step(const char *op, struct plan *p)
{
    static const char *const steps[] = {"mkdir-in", "touch-in", "symlink-in", "mount-in", "remount-ro-in", "readonly-in", "mask-in"};
    if (!strcmp(op, "root"))
        return inroot_set(plan_word(p));
    int known = 0;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        known |= !strcmp(op, steps[i]);
    if (!known)
        return 1; /* not an in-root step */
    if (root_fd < 0) {
        report_plan_error("an in-root step before the root step");
        return -1;
    }
    if (!strcmp(op, "mkdir-in"))
        return step_mkdir_in(p);
    if (!strcmp(op, "touch-in"))
        return step_touch_in(p);
    if (!strcmp(op, "symlink-in"))
        return step_symlink_in(p);
    if (!strcmp(op, "mount-in"))
        return step_mount_in(p);
    if (!strcmp(op, "remount-ro-in"))
        return step_remount_ro_in(p);
    if (!strcmp(op, "readonly-in"))
        return step_readonly_in(p);
    if (!strcmp(op, "mask-in"))
        return step_mask_in(p);
    return 1; /* not an in-root step */
}
