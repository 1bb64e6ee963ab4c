package dev.lit.linux.cgroup;

/** The cgroup controllers Lit sets limits with. */
public enum Controller {
    CPU("cpu"), MEMORY("memory"), PIDS("pids");

    private final String kernelName;

    Controller(String kernelName) {
        this.kernelName = kernelName;
    }

    public String kernelName() {
        return kernelName;
    }
}
