package dev.lit.junit;

import dev.lit.Container;
import dev.lit.ContainerSpec;
import dev.lit.NetworkMode;
import dev.lit.SpecSource;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives tests fresh Lit sandboxes and removes them afterwards. With
 * {@code @ExtendWith(LitExtension.class)} on a test class:
 *
 * <ul>
 *   <li>a test (or lifecycle) method parameter of type {@link Container} gets a container started
 *       for it, and one of type {@link Sandbox} a sandbox that starts containers on demand;</li>
 *   <li>fields of those types annotated {@link LitSandbox} get the same: instance fields before
 *       each test, static fields once for the class.</li>
 * </ul>
 *
 * <p>{@link LitSandbox} on the field or parameter configures the spec. Whatever a test received
 * is closed after it (after the class, for static fields and {@code @BeforeAll} parameters),
 * also when the test failed: its processes are killed and everything Lit made is removed.
 */
public final class LitExtension implements ParameterResolver, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LitExtension.class);

    /** Created by JUnit. */
    public LitExtension() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Container.class || type == Sandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LitSandbox config = parameter.findAnnotation(LitSandbox.class).orElse(null);
        return provide(parameter.getParameter().getType(), config, parameter.getParameter().toString(), context);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        for (Field field : annotatedFields(context.getRequiredTestClass(), true)) {
            field.set(null, provide(field.getType(), field.getAnnotation(LitSandbox.class), field.toString(), context));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : annotatedFields(instance.getClass(), false)) {
                field.set(instance, provide(field.getType(), field.getAnnotation(LitSandbox.class), field.toString(), context));
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeSandboxesOf(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeSandboxesOf(context);
    }

    private static List<Field> annotatedFields(Class<?> testClass, boolean statics) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, LitSandbox.class,
                f -> Modifier.isStatic(f.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (field.getType() != Container.class && field.getType() != Sandbox.class) {
                throw new ExtensionConfigurationException("@LitSandbox field " + field + " must be a Container or a Sandbox");
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@LitSandbox field " + field + " must not be final");
            }
            field.setAccessible(true);
        }
        return fields;
    }

    /** A Sandbox, or a Container started in one; either way owned by the current context's sandboxes. */
    private static Object provide(Class<?> type, @Nullable LitSandbox config, String where, ExtensionContext context) {
        Supplier<ContainerSpec.Builder> template = template(config, where, context);
        Sandbox sandbox = new Sandbox(template);
        sandboxesOf(context).add(sandbox);
        if (type == Sandbox.class) {
            return sandbox;
        }
        boolean hasCommand = config != null && (config.command().length > 0 || !config.spec().isEmpty());
        return hasCommand ? sandbox.start(template.get()) : sandbox.start("sleep", "infinity");
    }

    /** Builders for the spec the annotation describes, each call a fresh one. */
    private static Supplier<ContainerSpec.Builder> template(@Nullable LitSandbox config, String where, ExtensionContext context) {
        if (config == null) {
            return Container::builder;
        }
        @Nullable Object instance = context.getTestInstance().orElse(null);
        return () -> {
            ContainerSpec.Builder builder = config.spec().isEmpty() ? Container.builder() : fromMethod(config.spec(), where, context, instance);
            try {
                if (config.spec().isEmpty() || !config.base().equals("host")) {
                    builder.base(config.base());
                }
                if (config.command().length > 0) {
                    builder.command(config.command());
                }
                for (String assignment : config.env()) {
                    builder.env(assignment);
                }
                if (!config.workdir().isEmpty()) {
                    builder.workdir(config.workdir());
                }
                if (!config.hostname().isEmpty()) {
                    builder.hostname(config.hostname());
                }
                if (!config.memory().isEmpty()) {
                    builder.memory(config.memory());
                }
                if (!config.cpus().isEmpty()) {
                    builder.cpus(config.cpus());
                }
                if (config.pids() > 0) {
                    builder.pids(config.pids());
                }
                switch (config.network()) {
                    case "none" -> {
                        if (config.spec().isEmpty()) {
                            builder.network(NetworkMode.none());
                        }
                    }
                    case "host" -> builder.network(NetworkMode.host());
                    default -> throw new IllegalArgumentException("network '" + config.network() + "' is not none or host");
                }
            } catch (RuntimeException e) {
                throw new ExtensionConfigurationException("@LitSandbox on " + where + ": " + e.getMessage(), e);
            }
            return builder;
        };
    }

    private static ContainerSpec.Builder fromMethod(String name, String where, ExtensionContext context, @Nullable Object instance) {
        Class<?> testClass = context.getRequiredTestClass();
        Method method = ReflectionSupport.findMethod(testClass, name).orElseThrow(() -> new ExtensionConfigurationException(
                "@LitSandbox(spec = \"" + name + "\") on " + where + ": " + testClass.getName() + " has no method " + name + "() without parameters"));
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        if (!isStatic && instance == null) {
            throw new ExtensionConfigurationException("@LitSandbox(spec = \"" + name + "\") on " + where + ": " + name + "() must be static here");
        }
        Object result = ReflectionSupport.invokeMethod(method, isStatic ? null : instance);
        if (result instanceof ContainerSpec.Builder builder) {
            return builder;
        }
        if (result instanceof SpecSource source) {
            return source.spec().toBuilder();
        }
        throw new ExtensionConfigurationException("@LitSandbox(spec = \"" + name + "\") on " + where + ": " + name
                + "() returned " + (result == null ? "null" : result.getClass().getName()) + ", not a ContainerSpec.Builder or SpecSource");
    }

    /** The sandboxes handed out in exactly this context (not its parents'), to close when it ends. */
    @SuppressWarnings("unchecked")
    private static List<Sandbox> sandboxesOf(ExtensionContext context) {
        return (List<Sandbox>) context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), k -> new ArrayList<Sandbox>());
    }

    private static void closeSandboxesOf(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<Sandbox> sandboxes = (List<Sandbox>) context.getStore(NAMESPACE).remove(context.getUniqueId());
        if (sandboxes == null) {
            return;
        }
        RuntimeException failure = null;
        for (Sandbox sandbox : sandboxes.reversed()) {
            try {
                sandbox.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
