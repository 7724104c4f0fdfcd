package dev.undertowbase.launcher.reload.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File system events (inotify on Linux) for every directory under the roots. A WatchService
 * watches single directories, so each directory is registered, and new ones as they appear;
 * a new directory is also scanned, since files copied into it before its registration sent
 * their events to nobody.
 */
public final class EventWatcher implements ChangeWatcher {

    private static final Logger log = LoggerFactory.getLogger(EventWatcher.class);

    private final WatchService service;
    private final ChangeFilter filter;
    private final Runnable onChange;
    private final Map<WatchKey, Path> directories = new ConcurrentHashMap<>();

    private EventWatcher(WatchService service, ChangeFilter filter, Runnable onChange) {
        this.service = service;
        this.filter = filter;
        this.onChange = onChange;
    }

    /** @throws IOException when the directories cannot be registered (e.g. the inotify watch limit) */
    public static EventWatcher start(List<Path> roots, ChangeFilter filter, Runnable onChange) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        EventWatcher watcher = new EventWatcher(service, filter, onChange);
        try {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    watcher.register(root);
                }
            }
        } catch (IOException e) {
            service.close();
            throw e;
        }
        Thread thread = new Thread(watcher::run, "reload-watch");
        thread.setDaemon(true);
        thread.start();
        return watcher;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the watch service failed", e);
        }
    }

    private void run() {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Path dir = directories.get(key);
            boolean changed = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW || dir == null) {
                    changed = true;
                    continue;
                }
                Path child = dir.resolve((Path) event.context());
                log.debug("{} {}", event.kind().name(), child);
                changed |= filter.relevant(child);
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                    && filter.watched(child)) {
                    changed |= registerNew(child);
                }
            }
            if (!key.reset()) {
                directories.remove(key);
            }
            if (changed) {
                onChange.run();
            }
        }
    }

    /** Registers a directory that just appeared; true when it already holds relevant files. */
    private boolean registerNew(Path dir) {
        try {
            return register(dir);
        } catch (IOException e) {
            // gone again, or over the watch limit: say so, and reload on what we know
            log.warn("cannot watch {}: {}", dir, e.toString());
            return true;
        }
    }

    /** Registers the directory tree; true when it holds relevant files. */
    private boolean register(Path top) throws IOException {
        boolean[] relevant = {false};
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(top) && !filter.watched(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directories.put(dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                relevant[0] |= filter.relevant(file);
                return FileVisitResult.CONTINUE;
            }
        });
        return relevant[0];
    }
}
