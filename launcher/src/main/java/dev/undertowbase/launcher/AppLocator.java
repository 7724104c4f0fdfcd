package dev.undertowbase.launcher;

import com.typesafe.config.Config;
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
 * Finds the app's handler by the rules of SPEC §4, first match wins:
 * APP_MODULE; MODULE_NAME + VARIABLE_NAME; the App-Module manifest attribute of a jar in
 * APP_DIR; app.Main then Main with member VARIABLE_NAME; the demo app when APP_DIR holds no code.
 *
 * <p>{@link #load()} builds a fresh class loader each time, so a reloader can call it again.
 */
public final class AppLocator {

    static final String MANIFEST_ATTRIBUTE = "App-Module";
    private static final String[] DEFAULT_CLASSES = {"app.Main", "Main"};

    private final Path appDir;
    private final String appModule;
    private final String moduleName;
    private final String variableName;
    private final Config config;

    public AppLocator(ServerConfig config) {
        this.appDir = config.appDir();
        this.appModule = config.appModule();
        this.moduleName = config.moduleName();
        this.variableName = config.variableName();
        this.config = config.config();
    }

    public List<Path> classPath() {
        return AppClassPath.entries(appDir);
    }

    /** The module that {@link #load()} would serve, found without running any of the app's code. */
    public String find() {
        try (URLClassLoader loader = AppClassPath.loader(classPath())) {
            return locate(loader).module();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Locates the handler in a new class loader and creates it (running the app's static initialisers). */
    public LoadedApp load() {
        return load(module -> { });
    }

    /**
     * Like {@link #load()}, telling {@code located} the module before any of the app's code runs.
     * One class loader serves both steps, so the app's classes are read once.
     */
    public LoadedApp load(Consumer<String> located) {
        URLClassLoader loader = AppClassPath.loader(classPath());
        try {
            Target target = locate(loader);
            located.accept(target.module());
            if (target.type() == DemoApp.class) {
                LoggerFactory.getLogger(AppLocator.class).warn(
                    "{} holds no code: serving the built-in demo app; copy your jar there or set APP_MODULE",
                    appDir);
            }
            HttpHandler handler = instantiate(target, loader);
            return new LoadedApp(target.module(), handler, loader);
        } catch (RuntimeException | Error e) {
            closeQuietly(loader);
            throw e;
        }
    }

    private record Target(String module, Class<?> type, Member member) {
    }

    private Target locate(URLClassLoader loader) {
        if (appModule != null) {
            return resolve(loader, appModule, "APP_MODULE");
        }
        if (moduleName != null) {
            return resolve(loader, moduleName + ":" + variableName, "MODULE_NAME");
        }
        List<Path> entries = classPath();
        for (Path jar : AppClassPath.jars(appDir)) {
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
                return new Target(name + ":" + variableName, type, member);
            }
            searched.add(name + ":" + variableName + " (" + name + " has no public static HttpHandler "
                + variableName + ")");
        }
        if (!AppClassPath.hasCode(entries)) {
            return new Target(DemoApp.class.getName(), DemoApp.class, noArgConstructor(DemoApp.class, "demo"));
        }
        throw new BadInput("no app found: APP_MODULE and MODULE_NAME are unset; no jar in " + appDir
            + " has an " + MANIFEST_ATTRIBUTE + " manifest attribute; tried " + String.join(", ", searched)
            + "; class path " + describe(entries)
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
            return new Target(className, type, noArgConstructor(type, source));
        }
        Member member = member(type, memberName);
        if (member == null) {
            throw new BadInput(source + ": " + className + " has no public static HttpHandler field or method "
                + memberName + " (a method may take no parameters or one " + Config.class.getName() + ")");
        }
        return new Target(className + ":" + memberName, type, member);
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
