package io.cohort.testbed;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * Moves the calling platform thread into a named network namespace with setns(2), called through
 * {@code java.lang.foreign}. setns affects only the calling thread, so callers use a dedicated
 * thread that never leaves (see {@link Netns#runInside} and {@link Netns#threadFactory}).
 */
final class NamespaceSwitch {
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_HANDLE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle OPEN = LINKER.downcallHandle(LIBC.find("open").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle SETNS = LINKER.downcallHandle(LIBC.find("setns").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO);
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LIBC.find("close").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private NamespaceSwitch() {
    }

    /** Moves the calling thread into the namespace mounted at {@code /var/run/netns/<name>}. */
    static void enter(String name) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("setns on a virtual thread would move its carrier thread");
        }
        Path path = Path.of("/var/run/netns", name);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = arena.allocate(Linker.Option.captureStateLayout());
            int fd = (int) OPEN.invokeExact(errno, arena.allocateFrom(path.toString()), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                throw failure("open(" + path + ")", errno);
            }
            try {
                if ((int) SETNS.invokeExact(errno, fd, CLONE_NEWNET) != 0) {
                    throw failure("setns(" + path + ", CLONE_NEWNET)", errno);
                }
            } finally {
                int ignoredCloseStatus = (int) CLOSE.invokeExact(fd);
            }
        } catch (TestbedException e) {
            throw e;
        } catch (Throwable e) {
            throw new TestbedException("cannot call setns for namespace " + name, e);
        }
    }

    private static TestbedException failure(String call, MemorySegment errnoState) throws Throwable {
        int errno = (int) ERRNO_HANDLE.get(errnoState, 0L);
        MemorySegment message = ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(256);
        return new TestbedException(call + " failed: errno " + errno + " (" + message.getString(0) + ")");
    }
}
