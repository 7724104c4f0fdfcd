package dev.undertowbase.launcher.reload.watch;

/** Calls back when a relevant file under the watched directories changes, from its own daemon thread. */
public interface ChangeWatcher extends AutoCloseable {

    @Override
    void close();
}
