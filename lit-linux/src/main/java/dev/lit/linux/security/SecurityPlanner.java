package dev.lit.linux.security;

import dev.lit.Capability;
import dev.lit.InvalidSpecException;
import dev.lit.Security;
import dev.lit.linux.plan.Plan;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Adds the confinement steps, in the order the kernel needs them: the bounding set while all
 * capabilities are still held, the user switch (keeping capabilities across it), the final
 * capability sets, no_new_privs, and the seccomp filter last, so that the filter need not
 * allow the setup calls (or, without no_new_privs, before capabilities go, since installing
 * a filter then needs CAP_SYS_ADMIN).
 */
public final class SecurityPlanner {
    private final SecurityModules modules;
    private final Function<Security, byte @Nullable []> seccompCompiler;

    /**
     * @param modules         the host's security modules
     * @param seccompCompiler turns the spec's seccomp choice into a BPF program, or null for none
     */
    public SecurityPlanner(SecurityModules modules, Function<Security, byte @Nullable []> seccompCompiler) {
        this.modules = modules;
        this.seccompCompiler = seccompCompiler;
    }

    /** Checks what can be checked before anything is created. */
    public void validate(Security security) {
        if (security.apparmorProfile() != null && !modules.has("apparmor")) {
            throw new InvalidSpecException("security.apparmor", "this host does not run AppArmor (active security modules: "
                    + modules.describe() + "), so profile '" + security.apparmorProfile() + "' cannot be applied");
        }
        if (security.selinuxLabel() != null && !modules.has("selinux")) {
            throw new InvalidSpecException("security.selinux_label", "this host does not run SELinux (active security modules: "
                    + modules.describe() + "), so label '" + security.selinuxLabel() + "' cannot be applied");
        }
    }

    /** Adds the steps for a spec already {@link #validate validated} (the launcher does so before creating anything). */
    public void addSteps(Plan plan, Security security) {
        Set<Capability> caps = security.capabilities();
        int uid = 0;
        int gid = 0;
        if (security.user() != null) {
            String[] ids = security.user().split(":");
            uid = Integer.parseInt(ids[0]);
            gid = ids.length > 1 ? Integer.parseInt(ids[1]) : uid;
        }
        long bounding = Capability.mask(caps);
        // A non-root user keeps only what was explicitly added, through the ambient set (Docker grants it nothing).
        long granted = uid == 0 ? bounding : Capability.mask(security.capAdd()) & bounding;
        byte[] seccomp = seccompCompiler.apply(security);

        if (security.apparmorProfile() != null) {
            plan.lsmExec("apparmor", "exec " + security.apparmorProfile());
        } else if (security.selinuxLabel() != null) {
            plan.lsmExec("selinux", security.selinuxLabel());
        }
        plan.bounding(bounding);
        if (seccomp != null && !security.noNewPrivileges()) {
            plan.seccomp(seccomp);
        }
        if (security.user() != null) {
            plan.user(uid, gid, List.of());
        }
        plan.caps(granted, granted, uid == 0 ? 0 : granted, uid == 0 ? 0 : granted);
        if (security.noNewPrivileges()) {
            plan.noNewPrivileges();
            if (seccomp != null) {
                plan.seccomp(seccomp);
            }
        }
    }
}
