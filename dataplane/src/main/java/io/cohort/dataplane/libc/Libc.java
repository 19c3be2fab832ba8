package io.cohort.dataplane.libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls the data plane needs. Each wrapper returns the call's raw result; after a
 * negative result {@link #failure} builds the exception from the errno that call left, which is
 * captured per thread (Linker.Option.captureCallState) so no JVM activity can clobber it.
 */
public final class Libc {
    public static final int O_RDWR = 0x2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final short POLLIN = 0x1;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int AF_INET = 2;
    public static final int AF_PACKET = 17;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_RAW = 3;
    public static final int IPPROTO_TCP = 6;
    public static final int SO_REUSEADDR = 2;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SOL_PACKET = 263;

    /** struct pollfd { int fd; short events; short revents; }. */
    public static final MemoryLayout POLLFD = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("fd"), ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle OPEN = errnoCall("open", FunctionDescriptor.of(INT, PTR, INT));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(INT, INT));
    private static final MethodHandle IOCTL = errnoCall("ioctl", FunctionDescriptor.of(INT, INT, LONG, PTR),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle READ = errnoCall("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle WRITE = errnoCall("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
    private static final MethodHandle POLL = errnoCall("poll", FunctionDescriptor.of(INT, PTR, LONG, INT));
    private static final MethodHandle EVENTFD = errnoCall("eventfd", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle SOCKET = errnoCall("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle BIND = errnoCall("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle CONNECT = errnoCall("connect", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle LISTEN = errnoCall("listen", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle ACCEPT = errnoCall("accept", FunctionDescriptor.of(INT, INT, PTR, PTR));
    private static final MethodHandle GETSOCKNAME = errnoCall("getsockname", FunctionDescriptor.of(INT, INT, PTR, PTR));
    private static final MethodHandle GETPEERNAME = errnoCall("getpeername", FunctionDescriptor.of(INT, INT, PTR, PTR));
    private static final MethodHandle SENDTO = errnoCall("sendto",
            FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, INT));
    private static final MethodHandle RECV = errnoCall("recv", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    private static final MethodHandle SETSOCKOPT = errnoCall("setsockopt",
            FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle GETSOCKOPT = errnoCall("getsockopt",
            FunctionDescriptor.of(INT, INT, INT, INT, PTR, PTR));
    private static final MethodHandle IF_NAMETOINDEX = errnoCall("if_nametoindex", FunctionDescriptor.of(INT, PTR));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LOOKUP.find("strerror").orElseThrow(),
            FunctionDescriptor.of(PTR, INT));

    private Libc() {
    }

    public static int open(String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(state(), arena.allocateFrom(path), flags);
        } catch (Throwable t) {
            throw linkageFailure("open", t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(state(), fd);
        } catch (Throwable t) {
            throw linkageFailure("close", t);
        }
    }

    public static int ioctl(int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(state(), fd, request, argument);
        } catch (Throwable t) {
            throw linkageFailure("ioctl", t);
        }
    }

    public static long read(int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(state(), fd, buffer, count);
        } catch (Throwable t) {
            throw linkageFailure("read", t);
        }
    }

    public static long write(int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(state(), fd, buffer, count);
        } catch (Throwable t) {
            throw linkageFailure("write", t);
        }
    }

    /** poll(2) over an array of {@link #POLLFD}; timeout in milliseconds, -1 for none. */
    public static int poll(MemorySegment pollfds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state(), pollfds, count, timeoutMillis);
        } catch (Throwable t) {
            throw linkageFailure("poll", t);
        }
    }

    public static int eventfd(int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(state(), initialValue, flags);
        } catch (Throwable t) {
            throw linkageFailure("eventfd", t);
        }
    }

    public static int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state(), domain, type, protocol);
        } catch (Throwable t) {
            throw linkageFailure("socket", t);
        }
    }

    public static int bind(int fd, MemorySegment address) {
        try {
            return (int) BIND.invokeExact(state(), fd, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw linkageFailure("bind", t);
        }
    }

    public static int connect(int fd, MemorySegment address) {
        try {
            return (int) CONNECT.invokeExact(state(), fd, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw linkageFailure("connect", t);
        }
    }

    public static int listen(int fd, int backlog) {
        try {
            return (int) LISTEN.invokeExact(state(), fd, backlog);
        } catch (Throwable t) {
            throw linkageFailure("listen", t);
        }
    }

    /** accept(fd, NULL, NULL): the peer's address is left to {@link #getpeername}. */
    public static int accept(int fd) {
        try {
            return (int) ACCEPT.invokeExact(state(), fd, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw linkageFailure("accept", t);
        }
    }

    /** getsockname(2) into {@code address}, whose size is the room the kernel may fill. */
    public static int getsockname(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) GETSOCKNAME.invokeExact(state(), fd, address, arena.allocateFrom(INT, (int) address.byteSize()));
        } catch (Throwable t) {
            throw linkageFailure("getsockname", t);
        }
    }

    /** getpeername(2) into {@code address}, whose size is the room the kernel may fill. */
    public static int getpeername(int fd, MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) GETPEERNAME.invokeExact(state(), fd, address, arena.allocateFrom(INT, (int) address.byteSize()));
        } catch (Throwable t) {
            throw linkageFailure("getpeername", t);
        }
    }

    public static long sendto(int fd, MemorySegment buffer, long count, MemorySegment address) {
        try {
            return (long) SENDTO.invokeExact(state(), fd, buffer, count, 0, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw linkageFailure("sendto", t);
        }
    }

    public static long recv(int fd, MemorySegment buffer, long count) {
        try {
            return (long) RECV.invokeExact(state(), fd, buffer, count, 0);
        } catch (Throwable t) {
            throw linkageFailure("recv", t);
        }
    }

    /** recv(2) with {@code flags} such as {@link #MSG_PEEK} and {@link #MSG_DONTWAIT}. */
    public static long recv(int fd, MemorySegment buffer, long count, int flags) {
        try {
            return (long) RECV.invokeExact(state(), fd, buffer, count, flags);
        } catch (Throwable t) {
            throw linkageFailure("recv", t);
        }
    }

    /** setsockopt(fd, level, name, &value, sizeof(int)) for an int-valued option. */
    public static int setsockoptInt(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(INT, value);
            return (int) SETSOCKOPT.invokeExact(state(), fd, level, name, v, (int) v.byteSize());
        } catch (Throwable t) {
            throw linkageFailure("setsockopt", t);
        }
    }

    /** setsockopt(fd, level, name, value, sizeof value) for an option that takes a struct. */
    public static int setsockopt(int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(state(), fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw linkageFailure("setsockopt", t);
        }
    }

    /** An int-valued option by getsockopt; -1 on failure (errno as for the other calls). */
    public static int getsockoptInt(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(INT);
            MemorySegment length = arena.allocateFrom(INT, (int) INT.byteSize());
            int result = (int) GETSOCKOPT.invokeExact(state(), fd, level, name, v, length);
            return result < 0 ? -1 : v.get(INT, 0);
        } catch (Throwable t) {
            throw linkageFailure("getsockopt", t);
        }
    }

    /**
     * getsockopt(fd, level, name, value, &length) for an option that fills a struct; returns the
     * length the kernel wrote, or -1 on failure (errno as for the other calls).
     */
    public static int getsockopt(int fd, int level, int name, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocateFrom(INT, (int) value.byteSize());
            int result = (int) GETSOCKOPT.invokeExact(state(), fd, level, name, value, length);
            return result < 0 ? -1 : length.get(INT, 0);
        } catch (Throwable t) {
            throw linkageFailure("getsockopt", t);
        }
    }

    /** The index of the interface {@code name} in the calling thread's network namespace. */
    public static int ifNameToIndex(String name) throws SystemCallException {
        int index;
        try (Arena arena = Arena.ofConfined()) {
            index = (int) IF_NAMETOINDEX.invokeExact(state(), arena.allocateFrom(name));
        } catch (Throwable t) {
            throw linkageFailure("if_nametoindex", t);
        }
        if (index == 0) {
            throw failure("if_nametoindex", name);
        }
        return index;
    }

    /** The errno left by the last wrapped call on this thread. */
    public static int lastErrno() {
        return (int) ERRNO.get(CALL_STATE.get(), 0L);
    }

    /** An exception for the last wrapped call on this thread, which failed. */
    public static SystemCallException failure(String call, String subject) {
        int errno = lastErrno();
        return new SystemCallException(call, subject, errno, strerror(errno));
    }

    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw linkageFailure("strerror", t);
        }
    }

    private static MemorySegment state() {
        return CALL_STATE.get();
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(LOOKUP.find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no symbol " + name)), descriptor, options);
    }

    private static IllegalStateException linkageFailure(String call, Throwable t) {
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("cannot call " + call + " through java.lang.foreign", t);
    }
}
