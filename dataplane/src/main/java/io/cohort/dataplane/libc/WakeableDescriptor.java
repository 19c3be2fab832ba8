package io.cohort.dataplane.libc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A non-blocking descriptor (TUN device, raw socket) that readers wait on in poll(2) together
 * with an eventfd. {@link #close()} signals the eventfd, which wakes every blocked reader (their
 * read returns -1), waits until no read or write is in progress and only then closes both
 * descriptors, so a descriptor number is never used after the kernel may have reused it.
 */
public final class WakeableDescriptor implements AutoCloseable {
    /** One non-blocking system call on the descriptor: its result, or -1 with errno set. */
    @FunctionalInterface
    public interface Call {
        long on(int fd);
    }

    /** Work done with the descriptor while it cannot be closed underneath. */
    @FunctionalInterface
    public interface Use<T> {
        T with(int fd) throws IOException;
    }

    private final int fd;
    private final int wakeFd;
    private final String subject;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closing;

    private WakeableDescriptor(int fd, int wakeFd, String subject) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.subject = subject;
    }

    /**
     * Takes over {@code fd} (already non-blocking); {@code subject} names it in errors. On failure
     * {@code fd} is left to the caller to close.
     */
    public static WakeableDescriptor of(int fd, String subject) throws SystemCallException {
        int wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw Libc.failure("eventfd", subject);
        }
        return new WakeableDescriptor(fd, wakeFd, subject);
    }

    /** What {@link #tryRead} returns when the call would block. */
    public static final long WOULD_BLOCK = -2;

    /**
     * Repeats {@code call} (named {@code callName} in errors) until it succeeds, waiting in
     * poll(2) while it would block; its result, or -1 once the descriptor is being closed.
     */
    public long awaitRead(Call call, String callName) throws SystemCallException {
        lifecycle.readLock().lock();
        // Only a call that would block needs poll(2)'s array: in a burst the call succeeds at once.
        Arena arena = null;
        try {
            MemorySegment pollfds = null;
            long n;
            while ((n = attempt(call, callName)) == WOULD_BLOCK) {
                if (pollfds == null) {
                    arena = Arena.ofConfined();
                    pollfds = pollFds(arena);
                }
                if (Libc.poll(pollfds, 2, -1) < 0 && Libc.lastErrno() != Libc.EINTR) {
                    throw Libc.failure("poll", subject);
                }
            }
            return n;
        } finally {
            if (arena != null) {
                arena.close();
            }
            lifecycle.readLock().unlock();
        }
    }

    /**
     * One attempt of {@code call} (named {@code callName} in errors) without waiting, for readers
     * that learn of readiness from an event loop: its result, {@link #WOULD_BLOCK}, or -1 once
     * the descriptor is being closed.
     */
    public long tryRead(Call call, String callName) throws SystemCallException {
        lifecycle.readLock().lock();
        try {
            return attempt(call, callName);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** {@code call} until it succeeds or would block (EINTR retried); -1 once closing. Read lock held. */
    private long attempt(Call call, String callName) throws SystemCallException {
        while (!closing) {
            long n = call.on(fd);
            if (n >= 0) {
                return n;
            }
            int errno = Libc.lastErrno();
            if (errno == Libc.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Libc.EINTR) {
                throw Libc.failure(callName, subject);
            }
        }
        return -1;
    }

    /**
     * The descriptor's number, only to register read interest with an event loop (epoll), which
     * must be cancelled before {@link #close()}. Never to read, write or close it directly.
     */
    public int number() {
        return fd;
    }

    /** struct pollfd[2]: the descriptor and the wake-up eventfd, both for POLLIN. */
    private MemorySegment pollFds(Arena arena) {
        MemorySegment pollfds = arena.allocate(Libc.POLLFD, 2);
        pollfds.set(ValueLayout.JAVA_INT, 0, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        pollfds.set(ValueLayout.JAVA_INT, 8, wakeFd);
        pollfds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
        return pollfds;
    }

    /** Runs {@code use} with the descriptor held open; refused once closing. */
    public <T> T use(Use<T> use) throws IOException {
        lifecycle.readLock().lock();
        try {
            if (closing) {
                throw new ClosedChannelException();
            }
            return use.with(fd);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Wakes blocked readers, then closes once no read or write is in progress. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            Libc.write(wakeFd, one, 8);
        }
        lifecycle.writeLock().lock();
        try {
            Libc.close(fd);
            Libc.close(wakeFd);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
