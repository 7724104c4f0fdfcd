package dev.undertowbase.launcher.reload;

/** Calls back when a relevant file under the watched directories changes, from its own daemon thread. */
interface ChangeWatcher extends AutoCloseable {

    @Override
    void close();
}
