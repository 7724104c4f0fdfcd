package dev.undertowbase.launcher.reload;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the app's .java files in-process with the JDK's compiler. Only the full images have
 * one: the slim images' runtime lacks javax.tools, where this class fails to link, so nothing
 * may touch it unless {@link LiveReload} found the compiler modules.
 */
final class SourceCompiler {

    private static final Logger log = LoggerFactory.getLogger(SourceCompiler.class);

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

    /**
     * Compiles every .java file under {@code sourceRoot} into {@code output}. Options are javac's
     * defaults (so annotation processing is what plain javac on this JDK does) plus debug
     * information for JAVA_DEBUG and parameter names for frameworks that read them.
     *
     * @throws CompileFailed listing the errors, each as "file:line: error: message"
     */
    void compile(Path sourceRoot, Path output, List<Path> classPath) {
        List<Path> sources = sources(sourceRoot);
        if (sources.isEmpty()) {
            return;
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter otherOutput = new StringWriter();
        List<String> options = List.of("-d", output.toString(), "-g", "-parameters",
            "-classpath", classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        boolean ok;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            ok = compiler.getTask(otherOutput, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                .call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!otherOutput.toString().isBlank()) {
            log.debug("javac: {}", otherOutput.toString().strip());
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(describe(d));
            } else {
                log.debug("{}", describe(d));
            }
        }
        if (!ok) {
            throw new CompileFailed(errors.isEmpty() ? "javac failed without a diagnostic" : String.join("\n", errors));
        }
        log.debug("compiled {} source files from {}", sources.size(), sourceRoot);
    }

    private static List<Path> sources(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java") && !f.getFileName().toString().startsWith(".")
                && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** javac's own layout: "/app/src/app/Main.java:6: error: ';' expected". */
    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String kind = d.getKind().name().toLowerCase(Locale.ROOT).replace("mandatory_", "");
        String message = d.getMessage(Locale.ROOT);
        if (d.getSource() == null) {
            return kind + ": " + message;
        }
        String file = Path.of(d.getSource().toUri()).toString();
        return file + (d.getLineNumber() == Diagnostic.NOPOS ? "" : ":" + d.getLineNumber()) + ": " + kind + ": " + message;
    }
}
