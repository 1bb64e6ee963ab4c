package dev.lit.linux.seccomp;

import dev.lit.linux.seccomp.SeccompProfile.Action;
import dev.lit.linux.seccomp.SeccompProfile.ArgCondition;
import dev.lit.linux.seccomp.SeccompProfile.Filter;
import dev.lit.linux.seccomp.SeccompProfile.Op;
import dev.lit.linux.seccomp.SeccompProfile.Rule;
import dev.lit.linux.seccomp.SeccompProfile.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lit's default seccomp profile: as confining as Docker's default, written for Lit.
 *
 * <p>What a normal program needs is allowed. System calls that reach kernel state not
 * isolated by namespaces (keyrings, modules, kexec, swap, the clock, BPF, perf, mounts,
 * namespaces) are allowed only with the capability the kernel would check anyway, so a
 * container granted that capability keeps working, and fail with EPERM otherwise.
 * {@code clone} may not create namespaces; {@code clone3}, whose flags live in memory a
 * filter cannot read, fails with ENOSYS so the C library falls back to {@code clone}.
 * Every system call in Lit's tables is named here (the ones not listed fail with EPERM),
 * so a number above the tables' highest, a system call newer than this profile, fails
 * with ENOSYS and the C library falls back to an older call.
 */
final class DefaultProfile {

    static final int EPERM = 1;
    static final int ENOSYS = 38;
    static final int AF_VSOCK = 40;
    /** CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET. */
    static final long CLONE_NAMESPACE_FLAGS = 0x0002_0000L | 0x0200_0000L | 0x0400_0000L | 0x0800_0000L
            | 0x1000_0000L | 0x2000_0000L | 0x4000_0000L;

    /** Allowed for everyone. */
    private static final String ALLOWED = """
            read write readv writev pread64 pwrite64 preadv pwritev preadv2 pwritev2
            open openat openat2 creat close close_range lseek _llseek dup dup2 dup3 pipe pipe2
            fcntl fcntl64 ioctl flock fsync fdatasync sync syncfs sync_file_range
            truncate truncate64 ftruncate ftruncate64 fallocate fadvise64 fadvise64_64 readahead
            sendfile sendfile64 splice tee vmsplice copy_file_range cachestat
            stat stat64 fstat fstat64 lstat lstat64 newfstatat fstatat64 statx oldstat oldfstat oldlstat
            statfs statfs64 fstatfs fstatfs64 access faccessat faccessat2
            readlink readlinkat getdents getdents64 readdir getcwd chdir fchdir name_to_handle_at statmount listmount
            mkdir mkdirat rmdir rename renameat renameat2 link linkat symlink symlinkat unlink unlinkat
            chmod fchmod fchmodat fchmodat2 chown fchown lchown fchownat chown32 fchown32 lchown32
            utime utimes futimesat utimensat utimensat_time64 mknod mknodat umask
            getxattr lgetxattr fgetxattr setxattr lsetxattr fsetxattr listxattr llistxattr flistxattr
            removexattr lremovexattr fremovexattr getxattrat setxattrat listxattrat removexattrat
            file_getattr file_setattr
            inotify_init inotify_init1 inotify_add_watch inotify_rm_watch fanotify_mark
            brk mmap mmap2 munmap mremap mprotect pkey_mprotect pkey_alloc pkey_free madvise mincore
            mlock mlock2 munlock mlockall munlockall msync remap_file_pages memfd_create memfd_secret
            membarrier mseal map_shadow_stack
            fork vfork execve execveat exit exit_group wait4 waitid waitpid
            kill tkill tgkill rt_sigqueueinfo rt_tgsigqueueinfo pidfd_open pidfd_send_signal process_mrelease
            getpid getppid gettid getpgid setpgid getpgrp getsid setsid
            getuid geteuid getgid getegid getuid32 geteuid32 getgid32 getegid32
            setuid setgid setreuid setregid setresuid setresgid setfsuid setfsgid
            setuid32 setgid32 setreuid32 setregid32 setresuid32 setresgid32 setfsuid32 setfsgid32
            getresuid getresgid getresuid32 getresgid32 getgroups setgroups getgroups32 setgroups32
            capget capset prctl arch_prctl set_tid_address set_robust_list get_robust_list rseq
            set_thread_area get_thread_area uretprobe seccomp
            landlock_create_ruleset landlock_add_rule landlock_restrict_self
            lsm_get_self_attr lsm_set_self_attr lsm_list_modules
            futex futex_time64 futex_waitv futex_wake futex_wait futex_requeue
            sched_yield sched_getaffinity sched_setaffinity sched_getparam sched_setparam
            sched_getscheduler sched_setscheduler sched_get_priority_max sched_get_priority_min
            sched_rr_get_interval sched_rr_get_interval_time64 sched_getattr sched_setattr
            getpriority setpriority nice ioprio_get ioprio_set
            getrlimit setrlimit ugetrlimit prlimit64 getrusage times uname olduname oldolduname sysinfo getcpu
            rt_sigaction rt_sigprocmask rt_sigreturn rt_sigsuspend rt_sigpending rt_sigtimedwait
            rt_sigtimedwait_time64 sigaltstack sigaction sigprocmask sigreturn sigsuspend sigpending
            signal sgetmask ssetmask signalfd signalfd4 pause alarm restart_syscall
            time gettimeofday clock_gettime clock_gettime64 clock_getres clock_getres_time64
            clock_nanosleep clock_nanosleep_time64 nanosleep adjtimex clock_adjtime clock_adjtime64
            timer_create timer_delete timer_settime timer_settime64 timer_gettime timer_gettime64 timer_getoverrun
            timerfd_create timerfd_settime timerfd_settime64 timerfd_gettime timerfd_gettime64 getitimer setitimer
            select _newselect pselect6 pselect6_time64 poll ppoll ppoll_time64
            epoll_create epoll_create1 epoll_ctl epoll_wait epoll_pwait epoll_pwait2 epoll_ctl_old epoll_wait_old eventfd eventfd2
            io_setup io_destroy io_submit io_cancel io_getevents io_pgetevents io_pgetevents_time64
            socketpair bind connect listen accept accept4 getsockname getpeername sendto recvfrom
            sendmsg recvmsg sendmmsg recvmmsg recvmmsg_time64 shutdown setsockopt getsockopt socketcall
            msgget msgsnd msgrcv msgctl semget semop semtimedop semtimedop_time64 semctl
            shmget shmat shmdt shmctl ipc
            mq_open mq_unlink mq_timedsend mq_timedsend_time64 mq_timedreceive mq_timedreceive_time64
            mq_notify mq_getsetattr getrandom
            """;

    /** Allowed only with a capability: the kernel checks it too, these calls reach state no namespace isolates. */
    private static final Map<String, String> WITH_CAPABILITY = Map.ofEntries(
            Map.entry("CAP_SYS_ADMIN", """
                    mount umount umount2 unshare setns clone clone3 fsopen fsconfig fsmount fspick move_mount
                    open_tree open_tree_attr mount_setattr quotactl quotactl_fd lookup_dcookie
                    fanotify_init sethostname setdomainname syslog bpf perf_event_open
                    """),
            Map.entry("CAP_SYS_PTRACE", "ptrace process_vm_readv process_vm_writev process_madvise kcmp pidfd_getfd userfaultfd"),
            Map.entry("CAP_SYS_MODULE", "init_module finit_module delete_module"),
            Map.entry("CAP_SYS_BOOT", "reboot"),
            Map.entry("CAP_SYS_TIME", "settimeofday stime clock_settime clock_settime64"),
            Map.entry("CAP_SYS_RAWIO", "iopl ioperm"),
            Map.entry("CAP_SYS_PACCT", "acct"),
            Map.entry("CAP_SYS_TTY_CONFIG", "vhangup"),
            Map.entry("CAP_SYS_NICE", "get_mempolicy set_mempolicy set_mempolicy_home_node mbind move_pages migrate_pages"),
            Map.entry("CAP_SYS_CHROOT", "chroot"),
            Map.entry("CAP_SYSLOG", "syslog"),
            Map.entry("CAP_BPF", "bpf"),
            Map.entry("CAP_PERFMON", "perf_event_open"),
            Map.entry("CAP_DAC_READ_SEARCH", "open_by_handle_at"));

    /**
     * Denied even with every capability: kernel-wide state (keyrings, kexec, swap), calls
     * that escape the root (pivot_root) or widen the attack surface (io_uring, modify_ldt).
     * They fail with EPERM as all unlisted calls do; listing them documents the intent.
     */
    static final String DENIED = """
            keyctl add_key request_key kexec_load kexec_file_load swapon swapoff pivot_root
            io_uring_setup io_uring_enter io_uring_register modify_ldt vm86 vm86old uselib
            create_module get_kernel_syms query_module nfsservctl _sysctl sysfs ustat
            """;

    static final Filter PROFILE = build();

    private DefaultProfile() {
    }

    private static Filter build() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(names(ALLOWED), Action.ALLOW));
        // clone without namespace flags; clone3 gets ENOSYS (its flags are in memory), so libc uses clone.
        rules.add(new Rule(List.of("clone"), Action.ALLOW,
                List.of(new ArgCondition(0, Op.MASKED_EQUAL, CLONE_NAMESPACE_FLAGS, 0)),
                Selector.ANY, Selector.capabilities("CAP_SYS_ADMIN")));
        rules.add(new Rule(List.of("clone3"), Action.errno(ENOSYS), List.of(),
                Selector.ANY, Selector.capabilities("CAP_SYS_ADMIN")));
        // Any socket but AF_VSOCK, which reaches the host (and its hypervisor) without a network namespace.
        rules.add(new Rule(List.of("socket"), Action.ALLOW, List.of(new ArgCondition(0, Op.NOT_EQUAL, AF_VSOCK))));
        // personality: PER_LINUX, UNAME26, PER_LINUX32, PER_LINUX32|UNAME26 and the query 0xffffffff.
        for (long persona : new long[] {0x0, 0x0008, 0x2_0000, 0x2_0008, 0xffff_ffffL}) {
            rules.add(new Rule(List.of("personality"), Action.ALLOW, List.of(new ArgCondition(0, Op.EQUAL_TO, persona))));
        }
        WITH_CAPABILITY.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                rules.add(new Rule(names(e.getValue()), Action.ALLOW, List.of(), Selector.capabilities(e.getKey()), Selector.ANY)));

        // Every other system call Lit's tables know fails with EPERM, explicitly, so that "known"
        // reaches the tables' highest number and only newer ones get ENOSYS.
        Set<String> named = new TreeSet<>();
        rules.forEach(r -> named.addAll(r.names()));
        Set<String> rest = new TreeSet<>(names(DENIED));
        for (Arch arch : Arch.values()) {
            if (arch.supported()) {
                rest.addAll(arch.syscalls().numbers().keySet());
            }
        }
        rest.removeAll(named);
        rules.add(new Rule(List.copyOf(rest), Action.errno(EPERM)));

        return new Filter(Action.errno(EPERM), List.of(),
                Map.of(Arch.X86_64, List.of(Arch.X86, Arch.X32), Arch.AARCH64, List.of()), rules);
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.strip().split("\\s+")).distinct().toList();
    }
}
