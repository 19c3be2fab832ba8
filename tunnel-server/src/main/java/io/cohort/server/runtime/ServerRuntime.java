package io.cohort.server.runtime;

/**
 * The protocol side of a running server: the listeners (L2TP on UDP, PPTP on TCP and GRE), their
 * event loops, the engines and the TUN device. {@link CohortServer} calls {@link #start()} once
 * after the control socket is up and {@link #stop()} once on shutdown.
 */
public interface ServerRuntime {
    /**
     * Opens the sockets and devices and starts serving; returns once listening. Throws if the
     * server cannot serve (port in use, no TUN device), after releasing what it opened.
     */
    void start() throws Exception;

    /**
     * Tears down every tunnel and session (telling peers where the protocol allows), releases
     * their addresses and closes sockets and devices. Must not throw; called at most once, and
     * only after a successful {@link #start()}.
     */
    void stop();
}
