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
 * threads take their buffers from a second pool without thread caches.
 *
 * <p>That second pool's buffers are heap buffers. A platform pool bounds how many blocking
 * requests hold a buffer at once; virtual threads do not, and direct memory is the small budget
 * (start.sh caps it at 1/16 of the memory limit, 16 MiB in 256 MiB: a thousand requests' 16 KiB
 * buffers). On the heap they count against the budget the GC manages; the JDK copies them
 * through a direct buffer it keeps per carrier thread.
 *
 * <p>A buffer an IO thread allocated can still be released on a virtual thread (the start of a
 * request body read with its head). Both pools keep such buffers in a shared queue of at most
 * {@link #SHARED_BUFFERS} for the next allocation. Undertow.builder()'s pool has no queue: it
 * frees a direct buffer through a queue of the releasing thread that is emptied only on that
 * thread's next release, which a virtual thread never makes, so each would wait for a GC.
 */
final class ThreadAwareBufferPool implements ByteBufferPool {

    /** Buffers each pool keeps for reuse beyond the threads' caches: 2 MiB of 16 KiB buffers. */
    static final int SHARED_BUFFERS = 128;
    /** Undertow.builder()'s cache per thread. */
    private static final int THREAD_CACHE = 4;

    private final ByteBufferPool cached;
    private final ByteBufferPool shared;

    ThreadAwareBufferPool(boolean direct, int bufferSize) {
        this.cached = new DefaultByteBufferPool(direct, bufferSize, SHARED_BUFFERS, THREAD_CACHE);
        this.shared = new DefaultByteBufferPool(false, bufferSize, SHARED_BUFFERS, 0);
    }

    @Override
    public PooledByteBuffer allocate() {
        return (Thread.currentThread().isVirtual() ? shared : cached).allocate();
    }

    /** Heap buffers, for every thread: no thread caches, as Undertow's own array-backed pool has none. */
    @Override
    public ByteBufferPool getArrayBackedPool() {
        return shared;
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
