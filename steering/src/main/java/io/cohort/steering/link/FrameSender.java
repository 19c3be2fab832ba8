package io.cohort.steering.link;

/** Sends a whole Ethernet frame on the steering interface. */
@FunctionalInterface
public interface FrameSender {
    /**
     * Sends {@code frame}; returns false (after counting and logging) if the interface refused
     * it. Never throws for I/O failures.
     */
    boolean send(byte[] frame);
}
