package io.cohort.steering.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One libnftables context ({@code libnftables.so.1}, the library behind {@code nft}) called
 * through {@code java.lang.foreign}: {@link #run} applies an nft script the way {@code nft -f}
 * does, as one netlink batch, so the kernel commits all of it or none of it (nftables' batches
 * are transactions: a failing command aborts the whole batch).
 *
 * <p><b>Network namespace.</b> A context talks to the kernel through a netlink socket, and a
 * socket belongs to the network namespace of the thread that creates it. {@link #open} therefore
 * creates the context and opens its socket (with a harmless listing) on the calling thread: call
 * it on a thread inside the namespace whose ruleset it must change. Later calls may come from any
 * thread; they keep acting on that namespace.
 *
 * <p>Thread-safe: calls are serialized (a context is not safe for concurrent use). Not for the
 * per-packet path: each call is a netlink round trip plus parsing, typically well under a
 * millisecond for small scripts.
 */
public final class Nftables implements AutoCloseable {
    /** Where Debian and Ubuntu install it (package libnftables1); the soname is the fallback. */
    static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/libnftables.so.1");

    private static final int NFT_CTX_DEFAULT = 0;
    private static final int SCRIPT_LINES_SHOWN = 40;
    private static final int SCRIPT_LINE_WIDTH = 160;

    private MemorySegment context;

    private Nftables(MemorySegment context) {
        this.context = context;
    }

    /**
     * A new context whose netlink socket lives in the calling thread's network namespace. Fails if
     * libnftables is not installed or the context cannot be created.
     */
    public static Nftables open() throws NftablesException {
        Library library = Library.get();
        MemorySegment context;
        try {
            context = (MemorySegment) library.ctxNew.invokeExact(NFT_CTX_DEFAULT);
        } catch (Throwable t) {
            throw new NftablesException("nft_ctx_new failed: " + t, t);
        }
        if (context.equals(MemorySegment.NULL)) {
            throw new NftablesException("nft_ctx_new returned NULL (out of memory?)");
        }
        Nftables nftables = new Nftables(context);
        try {
            if ((int) library.bufferOutput.invokeExact(context) != 0
                    || (int) library.bufferError.invokeExact(context) != 0) {
                nftables.close();
                throw new NftablesException("libnftables cannot buffer its output");
            }
        } catch (NftablesException e) {
            throw e;
        } catch (Throwable t) {
            nftables.close();
            throw new NftablesException("nft_ctx_buffer_output failed: " + t, t);
        }
        // Opens the netlink socket now, on this thread, in this thread's namespace.
        nftables.run("list tables");
        return nftables;
    }

    /**
     * Applies {@code script} (nft syntax, one or more commands separated by newlines or
     * semicolons) as one transaction and returns what it printed (e.g. a {@code list}'s output).
     *
     * @throws NftablesException with libnftables' error text when any command fails; then the
     *     kernel's ruleset is unchanged
     */
    public synchronized String run(String script) throws NftablesException {
        if (context == null) {
            throw new IllegalStateException("nftables context is closed");
        }
        Library library = Library.get();
        try (Arena arena = Arena.ofConfined()) {
            int status = (int) library.runCmdFromBuffer.invokeExact(context, arena.allocateFrom(script));
            // Reading a buffer also rewinds it for the next command: always read both.
            String output = string((MemorySegment) library.getOutputBuffer.invokeExact(context));
            String error = string((MemorySegment) library.getErrorBuffer.invokeExact(context));
            if (status != 0) {
                throw new NftablesException("nft rejected the script: "
                        + (error.isBlank() ? "(no error text)" : error.strip()) + "\nin the script:\n" + numbered(script));
            }
            return output;
        } catch (NftablesException e) {
            throw e;
        } catch (Throwable t) {
            throw new NftablesException("libnftables call failed: " + t, t);
        }
    }

    /** Frees the context (and closes its socket). Idempotent. */
    @Override
    public synchronized void close() {
        if (context == null) {
            return;
        }
        try {
            Library.get().ctxFree.invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException("nft_ctx_free failed", t);
        } finally {
            context = null;
        }
    }

    /**
     * The script with line numbers, at most {@value #SCRIPT_LINES_SHOWN} lines of at most
     * {@value #SCRIPT_LINE_WIDTH} characters. libnftables 1.0.6 prints the first line of a
     * multi-line buffer under its error caret, whatever line the error is on (NftablesIT), so
     * the error text alone does not show an operator which command failed.
     */
    static String numbered(String script) {
        StringBuilder out = new StringBuilder();
        List<String> lines = script.lines().toList();
        for (int i = 0; i < Math.min(lines.size(), SCRIPT_LINES_SHOWN); i++) {
            String line = lines.get(i);
            out.append(String.format("%4d  ", i + 1))
                    .append(line.length() > SCRIPT_LINE_WIDTH ? line.substring(0, SCRIPT_LINE_WIDTH) + "..." : line)
                    .append('\n');
        }
        if (lines.size() > SCRIPT_LINES_SHOWN) {
            out.append("      (").append(lines.size() - SCRIPT_LINES_SHOWN).append(" more lines)\n");
        }
        return out.toString();
    }

    private static String string(MemorySegment text) {
        return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** The downcall handles, bound once per JVM when first needed. */
    private record Library(MethodHandle ctxNew, MethodHandle ctxFree, MethodHandle bufferOutput,
            MethodHandle bufferError, MethodHandle runCmdFromBuffer, MethodHandle getOutputBuffer,
            MethodHandle getErrorBuffer) {
        private static Library instance;

        static synchronized Library get() throws NftablesException {
            if (instance == null) {
                instance = load();
            }
            return instance;
        }

        private static Library load() throws NftablesException {
            SymbolLookup lookup;
            try {
                lookup = Files.exists(LIBRARY) ? SymbolLookup.libraryLookup(LIBRARY, Arena.global())
                        : SymbolLookup.libraryLookup("libnftables.so.1", Arena.global());
            } catch (IllegalArgumentException e) {
                throw new NftablesException("libnftables.so.1 is not installed (Debian: apt-get install libnftables1)", e);
            }
            Linker linker = Linker.nativeLinker();
            ValueLayout ptr = ValueLayout.ADDRESS;
            ValueLayout.OfInt i32 = ValueLayout.JAVA_INT;
            return new Library(
                    bind(linker, lookup, "nft_ctx_new", FunctionDescriptor.of(ptr, i32)),
                    bind(linker, lookup, "nft_ctx_free", FunctionDescriptor.ofVoid(ptr)),
                    bind(linker, lookup, "nft_ctx_buffer_output", FunctionDescriptor.of(i32, ptr)),
                    bind(linker, lookup, "nft_ctx_buffer_error", FunctionDescriptor.of(i32, ptr)),
                    bind(linker, lookup, "nft_run_cmd_from_buffer", FunctionDescriptor.of(i32, ptr, ptr)),
                    bind(linker, lookup, "nft_ctx_get_output_buffer", FunctionDescriptor.of(ptr, ptr)),
                    bind(linker, lookup, "nft_ctx_get_error_buffer", FunctionDescriptor.of(ptr, ptr)));
        }

        private static MethodHandle bind(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor)
                throws NftablesException {
            MemorySegment symbol = lookup.find(name)
                    .orElseThrow(() -> new NftablesException("libnftables has no symbol " + name + " (too old?)"));
            return linker.downcallHandle(symbol, descriptor);
        }
    }
}
