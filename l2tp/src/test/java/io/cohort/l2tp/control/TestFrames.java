package io.cohort.l2tp.control;

import java.nio.ByteBuffer;

/** A toy framing for channel tests: Ns, Nr and an int payload, or no payload for a ZLB. */
record TestFrames(int ns, int nr, Integer payload) {

    static ByteBuffer encode(int ns, int nr, Integer payload) {
        ByteBuffer b = ByteBuffer.allocate(payload == null ? 4 : 8);
        b.putShort((short) ns).putShort((short) nr);
        if (payload != null) {
            b.putInt(payload);
        }
        return b.flip();
    }

    static TestFrames decode(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        int ns = d.getChar();
        int nr = d.getChar();
        return new TestFrames(ns, nr, d.remaining() >= 4 ? d.getInt() : null);
    }

    boolean isZlb() {
        return payload == null;
    }
}
