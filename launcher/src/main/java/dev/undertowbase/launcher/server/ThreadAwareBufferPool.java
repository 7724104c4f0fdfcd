package dev.undertowbase.launcher.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DefaultByteBufferPool;

/**
 * Undertow's buffer pool with its per-thread caches for platform threads only. The cache (a few
 * buffers per thread that allocates, kept until the GC finds the thread gone) serves the IO
 * threads and a platform worker pool, which live as long as the server. A virtual thread lives
 * for one task: its cache would never be used again and would hold direct buffers until a GC and
 * a finalizer freed them, memory outside the heap that grows with the request rate. Virtual
 * threads take their buffers from a second pool without thread caches, whose shared queue keeps
 * at most {@link #SHARED_BUFFERS} for reuse and frees the rest at once.
 */
final class ThreadAwareBufferPool implements ByteBufferPool {

    /** Buffers kept for virtual threads' reuse: 4 MiB of 16 KiB buffers. */
    static final int SHARED_BUFFERS = 256;
    /** Undertow.builder()'s cache per thread. */
    private static final int THREAD_CACHE = 4;

    private final ByteBufferPool cached;
    private final ByteBufferPool shared;

    ThreadAwareBufferPool(boolean direct, int bufferSize) {
        // -1: like Undertow.builder(), a platform thread's buffer goes back to its cache or is freed
        this.cached = new DefaultByteBufferPool(direct, bufferSize, -1, THREAD_CACHE);
        this.shared = new DefaultByteBufferPool(direct, bufferSize, SHARED_BUFFERS, 0);
    }

    @Override
    public PooledByteBuffer allocate() {
        return (Thread.currentThread().isVirtual() ? shared : cached).allocate();
    }

    /** Heap buffers: Undertow's array-backed pool of a direct pool has no thread caches already. */
    @Override
    public ByteBufferPool getArrayBackedPool() {
        return isDirect() ? shared.getArrayBackedPool() : this;
    }

    @Override
    public void close() {
        cached.close();
        shared.close();
    }

    @Override
    public int getBufferSize() {
        return cached.getBufferSize();
    }

    @Override
    public boolean isDirect() {
        return cached.isDirect();
    }
}
