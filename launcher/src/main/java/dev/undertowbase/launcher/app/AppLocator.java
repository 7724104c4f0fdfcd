package dev.undertowbase.launcher.app;

import com.typesafe.config.Config;
import dev.undertowbase.launcher.config.AppSettings;
import dev.undertowbase.launcher.config.BadInput;
import dev.undertowbase.launcher.config.Sourced;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Finds the app's handler by the rules of README, Finding your handler; first match wins:
 * APP_MODULE; MODULE_NAME + VARIABLE_NAME; the App-Module manifest attribute of a jar in
 * APP_DIR; app.Main then Main with member VARIABLE_NAME; the demo app when APP_DIR holds no code.
 * The app's ready check (README, Probes and health checks) is READY_CHECK, else a member
 * {@code ready} of the handler's class.
 *
 * <p>{@link #load()} builds a fresh class loader each time, so a reloader can call it again.
 */
public final class AppLocator {

    static final String MANIFEST_ATTRIBUTE = "App-Module";
    /** The member looked for next to the handler as the app's ready check. */
    static final String READY_MEMBER = "ready";
    private static final String[] DEFAULT_CLASSES = {"app.Main", "Main"};

    private final AppSettings app;
    private final Sourced<String> readyCheck;
    private final Config config;

    /** What was found: the handler as APP_MODULE would name it, and the ready check ("Class:member") or null. */
    public record Found(String module, String readyCheck) {
    }

    /**
     * @param readyCheck READY_CHECK ("Class:member"), its value null when unset
     * @param config     the merged configuration, for a factory method taking a {@code Config}
     */
    public AppLocator(AppSettings app, Sourced<String> readyCheck, Config config) {
        this.app = app;
        this.readyCheck = readyCheck;
        this.config = config;
    }

    public List<Path> classPath() {
        return AppClassPath.entries(app.dir());
    }

    /** What {@link #load()} would serve, found without running any of the app's code. */
    public Found find() {
        try (URLClassLoader loader = AppClassPath.loader(classPath())) {
            return locate(loader).found();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Locates the handler in a new class loader and creates it (running the app's static initialisers). */
    public LoadedApp load() {
        return load(module -> { });
    }

    /**
     * Like {@link #load()}, telling {@code located} what was found before any of the app's code
     * runs. One class loader serves both steps, so the app's classes are read once.
     */
    public LoadedApp load(Consumer<Found> located) {
        URLClassLoader loader = AppClassPath.loader(classPath());
        try {
            Target target = locate(loader);
            located.accept(target.found());
            if (target.type() == DemoApp.class) {
                LoggerFactory.getLogger(AppLocator.class).warn(
                    "{} holds no code: serving the built-in demo app; copy your jar there or set APP_MODULE",
                    app.dir());
            } else if (target.ready() == null && ReadyCheck.hasOtherStaticMember(target.type(), READY_MEMBER)) {
                LoggerFactory.getLogger(AppLocator.class).warn("{}.{} is not used as the ready check: it must be a"
                    + " public static boolean method without parameters or a public static BooleanSupplier field",
                    target.type().getName(), READY_MEMBER);
            }
            HttpHandler handler = instantiate(target, loader);
            ReadyCheck ready = target.ready() == null ? null
                : ReadyCheck.of(target.ready().type(), target.ready().member(), loader);
            return new LoadedApp(target.module(), handler, loader, ready);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader);
            throw e;
        }
    }

    /** The handler found, and the ready check's member (null when there is none). */
    private record Target(String module, Class<?> type, Member member, ReadyMember ready) {
        Found found() {
            return new Found(module, ready == null ? null : ready.type().getName() + ":" + ready.member().getName());
        }
    }

    private record ReadyMember(Class<?> type, Member member) {
    }

    private Target locate(URLClassLoader loader) {
        Target handler = locateHandler(loader);
        ReadyMember ready;
        if (readyCheck.value() != null) {
            ready = resolveReadyCheck(loader, readyCheck.value());
        } else {
            Member member = ReadyCheck.member(handler.type(), READY_MEMBER);
            ready = member == null ? null : new ReadyMember(handler.type(), member);
        }
        return new Target(handler.module(), handler.type(), handler.member(), ready);
    }

    private Target locateHandler(URLClassLoader loader) {
        if (app.module() != null) {
            return resolve(loader, app.module(), "APP_MODULE");
        }
        String variableName = app.variableName();
        if (app.moduleName() != null) {
            if (app.moduleName().contains(":")) {
                throw new BadInput("MODULE_NAME: \"" + app.moduleName() + "\" is not a class name"
                    + " (VARIABLE_NAME names the member; APP_MODULE takes CLASS:MEMBER)");
            }
            return resolve(loader, app.moduleName() + ":" + variableName, "MODULE_NAME");
        }
        List<Path> entries = classPath();
        for (Path jar : AppClassPath.jars(app.dir())) {
            String declared = manifestModule(jar);
            if (declared != null) {
                return resolve(loader, declared, jar + " (" + MANIFEST_ATTRIBUTE + ")");
            }
        }
        List<String> searched = new ArrayList<>();
        for (String name : DEFAULT_CLASSES) {
            Class<?> type = findClass(loader, name, "");
            if (type == null) {
                searched.add(name + ":" + variableName + " (no class " + name + ")");
                continue;
            }
            Member member = member(type, variableName);
            if (member != null) {
                return new Target(name + ":" + variableName, type, member, null);
            }
            searched.add(name + ":" + variableName + " (" + name + " has no public static HttpHandler "
                + variableName + ")");
        }
        if (!AppClassPath.hasCode(entries)) {
            return new Target(DemoApp.class.getName(), DemoApp.class, noArgConstructor(DemoApp.class, "demo"), null);
        }
        String searchedAll = "APP_MODULE and MODULE_NAME are unset; no jar in " + app.dir()
            + " has an " + MANIFEST_ATTRIBUTE + " manifest attribute; tried " + String.join(", ", searched)
            + "; class path " + describe(entries);
        if (!variableName.equals(AppSettings.DEFAULT_VARIABLE_NAME)) {
            // the user named a member: the error is theirs to fix there
            throw new BadInput("VARIABLE_NAME: \"" + variableName + "\" names no handler: " + searchedAll
                + "; set MODULE_NAME to the class that has it, or APP_MODULE=com.example.Api:" + variableName);
        }
        throw new BadInput("no app found: " + searchedAll
            + "; set APP_MODULE=com.example.Api:app (a public static HttpHandler field or method)"
            + " or APP_MODULE=com.example.Api (a class implementing HttpHandler)");
    }

    /** "Class:member" or "Class", named by the variable or jar it came from. */
    private Target resolve(URLClassLoader loader, String spec, String source) {
        String value = spec.trim();
        int colon = value.indexOf(':');
        String className = colon < 0 ? value : value.substring(0, colon);
        String memberName = colon < 0 ? null : value.substring(colon + 1);
        if (className.isEmpty() || (memberName != null && (memberName.isEmpty() || memberName.contains(":")))) {
            throw new BadInput(source + ": \"" + spec + "\" is not CLASS:MEMBER or CLASS");
        }
        Class<?> type = findClass(loader, className, source);
        if (type == null) {
            throw new BadInput(source + ": class " + className + " not found in " + describe(classPath()));
        }
        if (memberName == null) {
            if (!HttpHandler.class.isAssignableFrom(type)) {
                throw new BadInput(source + ": " + className + " does not implement " + HttpHandler.class.getName()
                    + " (name a member as " + className + ":app)");
            }
            return new Target(className, type, noArgConstructor(type, source), null);
        }
        Member member = member(type, memberName);
        if (member == null) {
            throw new BadInput(source + ": " + className + " has no public static HttpHandler field or method "
                + memberName + " (a method may take no parameters or one " + Config.class.getName() + ")");
        }
        return new Target(className + ":" + memberName, type, member, null);
    }

    /** READY_CHECK: "Class:member", a public static boolean method without parameters or BooleanSupplier field. */
    private ReadyMember resolveReadyCheck(URLClassLoader loader, String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1 || spec.indexOf(':', colon + 1) >= 0) {
            throw readyCheck.bad("\"" + spec + "\" is not CLASS:MEMBER (e.g. com.example.Api:ready)");
        }
        String className = spec.substring(0, colon);
        String memberName = spec.substring(colon + 1);
        Class<?> type = findClass(loader, className, readyCheck.source());
        if (type == null) {
            throw readyCheck.bad("class " + className + " not found in " + describe(classPath()));
        }
        Member member = ReadyCheck.member(type, memberName);
        if (member == null) {
            throw readyCheck.bad(className + " has no public static boolean method " + memberName
                + "() or public static BooleanSupplier field " + memberName);
        }
        return new ReadyMember(type, member);
    }

    /** Loads without initialising, so finding runs none of the app's code. Null when absent. */
    private static Class<?> findClass(ClassLoader loader, String name, String source) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            throw new BadInput((source.isEmpty() ? "" : source + ": ") + "class " + name + " cannot be loaded: " + e);
        }
    }

    /** A public static HttpHandler field, or a public static method returning one, taking () or (Config). */
    private static Member member(Class<?> type, String name) {
        for (Field field : type.getFields()) {
            if (field.getName().equals(name) && Modifier.isStatic(field.getModifiers())
                && HttpHandler.class.isAssignableFrom(field.getType())) {
                return field;
            }
        }
        Method noArgs = null;
        for (Method method : type.getMethods()) {
            if (!method.getName().equals(name) || !Modifier.isStatic(method.getModifiers())
                || !HttpHandler.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 1 && parameters[0] == Config.class) {
                return method;
            }
            if (parameters.length == 0) {
                noArgs = method;
            }
        }
        return noArgs;
    }

    private static Constructor<?> noArgConstructor(Class<?> type, String source) {
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new BadInput(source + ": " + type.getName() + " has no public no-argument constructor");
        }
    }

    private HttpHandler instantiate(Target target, ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // libraries in the app that look up resources or services through the context loader find the app's
        thread.setContextClassLoader(loader);
        try {
            // instanceof rather than a pattern switch, whose bootstrap spins a class at every start
            Object handler;
            if (target.member() instanceof Field field) {
                field.setAccessible(true);
                handler = field.get(null);
            } else if (target.member() instanceof Method method) {
                method.setAccessible(true);
                handler = method.getParameterCount() == 1 ? method.invoke(null, config) : method.invoke(null);
            } else if (target.member() instanceof Constructor<?> constructor) {
                constructor.setAccessible(true);
                handler = constructor.newInstance();
            } else {
                throw new IllegalStateException("unexpected member " + target.member());
            }
            if (handler == null) {
                throw new BadInput(target.module() + " is null");
            }
            return (HttpHandler) handler;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(target.module() + " failed", e.getCause());
        } catch (ExceptionInInitializerError e) {
            throw new IllegalStateException(target.type().getName() + " failed to initialise", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(target.module() + " cannot be called", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String manifestModule(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return null;
            }
            String value = manifest.getMainAttributes().getValue(MANIFEST_ATTRIBUTE);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (IOException e) {
            throw new BadInput(jar + ": cannot read the jar: " + e.getMessage());
        }
    }

    private static String describe(List<Path> entries) {
        return entries.isEmpty() ? "(empty)" : entries.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the load already failed; that error is the one to report
        }
    }
}
