package dev.undertowbase.launcher.app;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.BooleanSupplier;

/**
 * The app's own readiness check (README, Probes and health checks): a public static
 * {@code boolean} method without parameters, or a public static {@code BooleanSupplier} field
 * read on every call (so the app may set it once its resources are up; still null, it counts as
 * not ready). It runs with the app's class loader as the context loader, like the handler;
 * whatever it throws comes back as an {@link IllegalStateException} whose message names the
 * member, e.g. "app.Main:ready threw java.sql.SQLException: pool closed".
 */
public final class ReadyCheck implements BooleanSupplier {

    private final String name;
    private final Member member;
    private final ClassLoader loader;

    private ReadyCheck(String name, Member member, ClassLoader loader) {
        this.name = name;
        this.member = member;
        this.loader = loader;
    }

    /** "Class:member" */
    public String name() {
        return name;
    }

    /** The member {@code name} of {@code type} if it has the shape of a ready check, else null. */
    static Member member(Class<?> type, String name) {
        for (Field field : type.getFields()) {
            if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())
                && BooleanSupplier.class.isAssignableFrom(field.getType())) {
                return field;
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())
                && method.getParameterCount() == 0 && method.getReturnType() == boolean.class) {
                return method;
            }
        }
        return null;
    }

    /** Whether {@code type} has some other public static member called {@code name} (a likely mistake). */
    static boolean hasOtherStaticMember(Class<?> type, String name) {
        for (Field field : type.getFields()) {
            if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())) {
                return true;
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    static ReadyCheck of(Class<?> type, Member member, ClassLoader loader) {
        if (member instanceof Field field) {
            field.setAccessible(true);
        } else {
            ((Method) member).setAccessible(true);
        }
        return new ReadyCheck(type.getName() + ":" + member.getName(), member, loader);
    }

    @Override
    public boolean getAsBoolean() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(name + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " cannot be called: " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(name + " threw " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A field still null counts as not ready: the app sets it once its resources are up. */
    private boolean call() throws ReflectiveOperationException {
        if (member instanceof Method method) {
            return (boolean) method.invoke(null);
        }
        BooleanSupplier supplier = (BooleanSupplier) ((Field) member).get(null);
        return supplier != null && supplier.getAsBoolean();
    }

    @Override
    public String toString() {
        return name;
    }
}
