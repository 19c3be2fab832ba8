package io.cohort.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One network namespace created by a {@link TestNetwork}: run commands and peer processes in it,
 * configure its addresses, routes and sysctls, and run Java code inside it.
 *
 * <p>Sockets (and TUN devices, netlink sockets) belong to the namespace of the thread that
 * creates them, and keep it when used later from other threads. {@link #runInside} and
 * {@link #threadFactory} give a platform thread that has entered this namespace with setns(2).
 * Netty creates a channel's socket on the thread that calls {@code bind}/{@code connect}, not on
 * the event loop: call those from inside ({@code runInside(() -> bootstrap.bind(...).sync())}).
 * Beware that {@code /proc/net} (hence parts of {@link java.net.NetworkInterface}) shows the
 * namespace of the process, not of the thread; {@code /proc/thread-self/net} shows the thread's.
 */
public final class Netns {
    private final String name;
    private final Path logDirectory;
    private final Consumer<PeerProcess> processRegistry;
    private final AtomicInteger processSequence = new AtomicInteger();
    private final AtomicInteger threadSequence = new AtomicInteger();

    Netns(String name, Path logDirectory, Consumer<PeerProcess> processRegistry) {
        this.name = name;
        this.logDirectory = logDirectory;
        this.processRegistry = processRegistry;
    }

    /** The name under {@code /var/run/netns}, usable with {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /**
     * Runs {@code argv} inside this namespace to completion; the result may be a failure (its
     * {@code toString} shows the output). A program that is not installed is a
     * {@link TestbedException} naming it, not a result.
     */
    public CommandResult exec(String... argv) {
        return Command.run(Command.DEFAULT_TIMEOUT, inside(List.of(argv)));
    }

    /** Runs {@code argv} inside this namespace; a non-zero exit is a {@link TestbedException}. */
    public String execOrThrow(String... argv) {
        return exec(argv).orThrow().output();
    }

    /**
     * Starts {@code argv} in the background inside this namespace, logging to a file under the
     * network's log directory. The network kills it on close at the latest. A program that is not
     * installed is a {@link TestbedException} naming it.
     */
    public PeerProcess startProcess(String... argv) {
        String program = Path.of(argv[0]).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return startProcess(logDirectory.resolve(name() + "-" + processSequence.incrementAndGet() + "-" + program + ".log"),
                argv);
    }

    /** As {@link #startProcess(String...)} with an explicit log file. */
    public PeerProcess startProcess(Path logFile, String... argv) {
        PeerProcess process = PeerProcess.start(inside(List.of(argv)), logFile);
        processRegistry.accept(process);
        return process;
    }

    /** Adds an address in CIDR notation ({@code 10.0.0.1/24}, {@code fd00::1/64}) to {@code device}. */
    public void addAddress(String device, String cidr) {
        execOrThrow("ip", "addr", "add", cidr, "dev", device);
    }

    public void linkUp(String device) {
        execOrThrow("ip", "link", "set", device, "up");
    }

    /** Adds a route to {@code destination} (CIDR or {@code default}) through {@code gateway}. */
    public void addRoute(String destination, String gateway) {
        execOrThrow("ip", "route", "add", destination, "via", gateway);
    }

    /** Adds a route to {@code destination} directly out of {@code device}. */
    public void addDeviceRoute(String destination, String device) {
        execOrThrow("ip", "route", "add", destination, "dev", device);
    }

    /** Sets a sysctl inside this namespace, e.g. {@code net.ipv4.ip_forward=1}. */
    public void sysctl(String key, String value) {
        execOrThrow("sysctl", "-q", "-w", key + "=" + value);
    }

    /** Turns on IPv4 and IPv6 forwarding, making this namespace a router. */
    public void enableForwarding() {
        sysctl("net.ipv4.ip_forward", "1");
        sysctl("net.ipv6.conf.all.forwarding", "1");
    }

    /**
     * Runs {@code task} on a fresh platform thread that has entered this namespace, waits for it
     * and returns its result; its exception is rethrown (wrapped in a {@link TestbedException}
     * unless it is unchecked).
     */
    public <T> T runInside(Callable<T> task) {
        Objects.requireNonNull(task);
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = threadFactory("inside").newThread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        thread.start();
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestbedException("interrupted while running code inside " + name(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new TestbedException("code inside " + name() + " failed: " + cause, cause);
        }
    }

    /**
     * As {@link #runInside(Callable)} for code without a result (a separate name, so that method
     * references such as {@code DatagramSocket::new} stay unambiguous).
     */
    public void doInside(ThrowingRunnable task) {
        runInside(() -> {
            task.run();
            return null;
        });
    }

    /**
     * Daemon platform threads that enter this namespace before running their task; suitable for
     * executors and Netty event loop groups. A thread that cannot enter dies with the error
     * instead of running the task in the wrong namespace.
     */
    public ThreadFactory threadFactory(String threadNamePrefix) {
        return task -> Thread.ofPlatform().daemon()
                .name(threadNamePrefix + "-" + name() + "-" + threadSequence.incrementAndGet())
                .unstarted(() -> {
                    NamespaceSwitch.enter(name());
                    task.run();
                });
    }

    private List<String> inside(List<String> argv) {
        ExecutableSearch.require(argv.getFirst());
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name()));
        full.addAll(argv);
        return full;
    }

    @Override
    public String toString() {
        return "Netns[" + name() + "]";
    }

    /** Code run inside a namespace that may throw checked exceptions. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
