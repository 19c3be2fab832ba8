package io.cohort.ppp.wire;

import java.nio.ByteBuffer;

/**
 * One PPP frame: the protocol number and the information field. {@code payload} is a read-only
 * view positioned at the information field; it shares the caller's bytes and is valid only
 * during the call that received it.
 */
public record PppFrame(int protocol, ByteBuffer payload) {
}
