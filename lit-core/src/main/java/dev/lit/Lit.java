package dev.lit;

import dev.lit.compose.Application;
import dev.lit.compose.ApplicationListener;
import dev.lit.compose.RunningApplication;
import dev.lit.spi.ContainerRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point: {@link #run} a container to completion, or {@link #start} one and
 * hold its {@link Container} handle.
 *
 * <pre>{@code
 * RunResult r = Lit.run(Container.builder().entrypoint("echo hello"));
 * RunResult s = Lit.run(LitFile.load(Path.of("lit.yml")));   // with lit-config
 * }</pre>
 */
public final class Lit {
    private static volatile ContainerRuntime runtime;

    private Lit() {
    }

    /**
     * Starts a container and returns once its command runs. Close the handle when done.
     *
     * @param spec the spec, its builder, or a lit.yml file
     * @return the running container
     * @throws InvalidSpecException if the spec is invalid
     * @throws LitException if the container cannot start; nothing it created is left behind
     */
    public static Container start(SpecSource spec) {
        return runtime().start(spec.spec());
    }

    /**
     * Starts a container that outlives this JVM: Lit's monitor supervises it, keeps its log and
     * applies its restart policy. Find it again from any JVM with {@link #find}.
     *
     * @param spec    the container
     * @param options its restart policy, log rotation and removal at the end
     * @return a handle; dropping it changes nothing
     */
    public static DetachedContainer startDetached(SpecSource spec, DetachOptions options) {
        return runtime().startDetached(spec.spec(), options);
    }

    /**
     * {@link #startDetached(SpecSource, DetachOptions)} with the default options.
     *
     * @param spec the container
     * @return a handle; dropping it changes nothing
     */
    public static DetachedContainer startDetached(SpecSource spec) {
        return startDetached(spec, DetachOptions.DEFAULT);
    }

    /**
     * Prepares a detached container without starting it (Docker's {@code create}): its state,
     * writable layer, cgroups and plan exist, nothing runs; the cleanup pass keeps it.
     * {@link DetachedContainer#start()} starts it, from this or any other JVM, and
     * {@link DetachedContainer#remove()} removes it. Not yet for bridge networks or user namespaces.
     *
     * @param spec    the container
     * @param options its restart policy, log rotation and removal at the end
     * @return a handle on the container, in state {@link ContainerSummary.State#CREATED}
     */
    public static DetachedContainer createDetached(SpecSource spec, DetachOptions options) {
        return runtime().createDetached(spec.spec(), options);
    }

    /**
     * {@link #createDetached(SpecSource, DetachOptions)} with the default options.
     *
     * @param spec the container
     * @return a handle on the container, in state {@link ContainerSummary.State#CREATED}
     */
    public static DetachedContainer createDetached(SpecSource spec) {
        return createDetached(spec, DetachOptions.DEFAULT);
    }

    /**
     * The containers on this host (this user's state directory), as {@code lit ps -a}.
     *
     * @return their summaries, oldest first
     */
    public static List<ContainerSummary> list() {
        return runtime().list();
    }

    /**
     * The detached container with this id, unique id prefix or name.
     *
     * @param idOrName an id, a unique id prefix or a name
     * @return a handle, or empty if no detached container matches
     */
    public static Optional<DetachedContainer> find(String idOrName) {
        return runtime().find(idOrName);
    }

    /**
     * Runs a container to its end, removes it, and returns how it ended with its captured output.
     *
     * @param spec the spec, its builder, or a lit.yml file
     * @return how it ended, with its captured output
     * @throws InterruptedException if this thread is interrupted while waiting; the container is removed
     * @throws LitException if the container cannot start
     */
    public static RunResult run(SpecSource spec) throws InterruptedException {
        try (Container container = start(spec)) {
            return container.result();
        }
    }

    /**
     * Events of every container this JVM's runtime starts from now on (no replay), for
     * monitoring; each is also recorded as a JDK Flight Recorder event.
     *
     * @return a publisher of every container's events
     */
    public static java.util.concurrent.Flow.Publisher<ContainerEvent> events() {
        return runtime().events();
    }

    /**
     * Brings an application of several services up: its networks, then each service in
     * dependency order once what it depends on is ready. Returns once every service is ready;
     * close the handle to bring it down.
     *
     * @param application the services, their dependencies and networks
     * @return the application, up
     * @throws dev.lit.compose.ServiceStartException when a service fails; what had started is removed first
     * @throws InterruptedException when this thread is interrupted meanwhile; what had started is removed first
     */
    public static RunningApplication up(Application application) throws InterruptedException {
        return up(application, ApplicationListener.NONE);
    }

    /**
     * {@link #up(Application)}, telling a listener what the services write and what happens to them.
     *
     * @param application the services, their dependencies and networks
     * @param listener    hears the services' output lines and state changes
     * @return the application, up
     * @throws dev.lit.compose.ServiceStartException when a service fails; what had started is removed first
     * @throws InterruptedException when this thread is interrupted meanwhile; what had started is removed first
     */
    public static RunningApplication up(Application application, ApplicationListener listener) throws InterruptedException {
        return RunningApplication.start(runtime(), application, listener);
    }

    /**
     * The container runtime for this host, found through {@link ServiceLoader}.
     *
     * @return the runtime
     * @throws UnsupportedPlatformException if no runtime can run on this host
     */
    public static ContainerRuntime runtime() {
        ContainerRuntime r = runtime;
        if (r == null) {
            synchronized (Lit.class) {
                r = runtime;
                if (r == null) {
                    r = runtime = locate();
                }
            }
        }
        return r;
    }

    private static ContainerRuntime locate() {
        List<String> reasons = new ArrayList<>();
        for (ContainerRuntime candidate : ServiceLoader.load(ContainerRuntime.class, Lit.class.getClassLoader())) {
            ContainerRuntime.Availability availability = candidate.availability();
            if (availability.available()) {
                return candidate;
            }
            reasons.add(candidate.name() + ": " + availability.reason());
        }
        if (reasons.isEmpty()) {
            throw new UnsupportedPlatformException("no Lit container runtime found: put lit-linux on the class or module path");
        }
        throw new UnsupportedPlatformException("no Lit container runtime can run on this host (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + "): " + String.join("; ", reasons));
    }
}
