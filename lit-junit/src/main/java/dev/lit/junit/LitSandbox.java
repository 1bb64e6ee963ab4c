package dev.lit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the sandbox {@link LitExtension} injects into a field or parameter of type
 * {@link dev.lit.Container} (started before the test) or {@link Sandbox} (which starts
 * containers on demand). Without it, a parameter of either type gets the defaults below.
 *
 * <p>Every element maps to one {@link dev.lit.ContainerSpec.Builder} call; {@link #spec()} names
 * a method of the test class that returns a {@code ContainerSpec.Builder} (or any {@code SpecSource})
 * to start from, for whatever the elements do not cover.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface LitSandbox {
    /**
     * The base: {@code host} (the default), {@code dir:PATH} or an image reference.
     *
     * @return the base
     */
    String base() default "host";

    /**
     * The command; a {@code Container} without one (and without {@link #spec()}) runs {@code sleep infinity}.
     *
     * @return the command and its arguments
     */
    String[] command() default {};

    /**
     * Environment variables as {@code KEY=VALUE}.
     *
     * @return the assignments
     */
    String[] env() default {};

    /**
     * The working directory; empty for the default.
     *
     * @return an absolute path in the container, or empty
     */
    String workdir() default "";

    /**
     * The host name; empty for the container's id.
     *
     * @return a host name, or empty
     */
    String hostname() default "";

    /**
     * The memory limit, such as {@code 64M}; empty for none.
     *
     * @return the limit, or empty
     */
    String memory() default "";

    /**
     * The CPU limit, such as {@code 0.5}; empty for none.
     *
     * @return the limit, or empty
     */
    String cpus() default "";

    /**
     * The most processes at once; 0 for no limit.
     *
     * @return the limit, or 0
     */
    long pids() default 0;

    /**
     * {@code none} (loopback only, the default) or {@code host}.
     *
     * @return the network mode
     */
    String network() default "none";

    /**
     * The name of a method of the test class (static, or of the test instance), without
     * parameters, that returns the {@code ContainerSpec.Builder} or {@code SpecSource} to start
     * from; the other elements then change it. Empty for a fresh {@code Container.builder()}.
     *
     * @return the method's name, or empty
     */
    String spec() default "";
}
