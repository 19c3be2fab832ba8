package io.cohort.ppp.mppe;

/**
 * The sending side of MPPE (RFC 3078) for one link. {@link #encrypt} takes a PPP packet (Protocol
 * field first) and returns the information field of a PPP packet with Protocol 0x00FD: the MPPE
 * header, then the encrypted Protocol field and data (3.1).
 *
 * <p>Coherency counts start at 0 and wrap at 4096. Stateless: the key changes before every packet
 * and every packet has A set (7.1, 3.1). Stateful: the key changes before each "flag" packet (low
 * octet of the count 0xFF, 7.2); A is set on the first packet, on flag packets (their tables were
 * just re-initialised by the key change, so 3.1's definition of A applies) and on the first packet
 * after a {@link #resetRequested()} (8.2). One engine thread.
 */
public final class MppeEncryptor {
    private final MppeCipher cipher;
    private final boolean stateless;
    private int count;
    private boolean flushPending;

    /** @param sendStartKey our send start key ({@link MppeStartKeys#send()}) */
    public MppeEncryptor(byte[] sendStartKey, MppeMode mode) {
        this.cipher = new MppeCipher(sendStartKey, mode.strength());
        this.stateless = mode.stateless();
        this.count = MppeHeader.COUNT_SPACE - 1;
        this.flushPending = true;
    }

    /** An encryptor that carries on exactly where the one that gave {@link #state()} stopped. */
    public MppeEncryptor(byte[] sendStartKey, MppeMode mode, MppeEncryptorState state) {
        this.cipher = new MppeCipher(sendStartKey, mode.strength(), state.sessionKey(), state.keystreamOffset());
        this.stateless = mode.stateless();
        this.count = state.coherencyCount();
        this.flushPending = state.flushPending();
    }

    /** The essential state of this direction (patent, figure 7). */
    public MppeEncryptorState state() {
        return new MppeEncryptorState(count, cipher.sessionKey(), cipher.keystreamOffset(), flushPending);
    }

    /** The MPPE packet for {@code pppPacket} (Protocol field first; not modified). */
    public byte[] encrypt(byte[] pppPacket) {
        count = (count + 1) & (MppeHeader.COUNT_SPACE - 1);
        boolean flushed = flushPending;
        if (stateless || (count & 0xFF) == 0xFF) {
            cipher.changeKey();
            flushed = true;
        }
        flushPending = false;
        byte[] out = new byte[MppeHeader.LENGTH + pppPacket.length];
        new MppeHeader(flushed, false, true, count).write(out);
        System.arraycopy(pppPacket, 0, out, MppeHeader.LENGTH, pppPacket.length);
        cipher.crypt(out, MppeHeader.LENGTH, pppPacket.length);
        return out;
    }

    /**
     * The peer sent a CCP Reset-Request: re-initialise the tables with the current session key and
     * set A on the next packet (8.2). The CCP layer answers with a Reset-Ack (RFC 1962 3.1).
     */
    public void resetRequested() {
        cipher.flush();
        flushPending = true;
    }

    /**
     * Advances the coherency count by {@code counts} as though that many packets had been sent and
     * lost: the safe forward jump of a link resumed from essential state that may be older than the
     * last packet the original sent (patent, figure 7; DESIGN.md "State"). The session key changes
     * as the peer's will on seeing the gap: once per count in stateless mode (8.1), once per flag
     * count passed in stateful mode (7.2, 8.2), where the next packet also carries FLUSHED so that
     * the peer re-initialises its tables. The peer takes a gap of up to half the count space for
     * loss, not for a late packet ({@link MppeDecryptor}), hence the limit.
     *
     * @param counts 0 to 2047
     */
    public void jumpAhead(int counts) {
        if (counts < 0 || counts >= MppeHeader.COUNT_SPACE / 2) {
            throw new IllegalArgumentException("coherency count jump " + counts + " outside 0..2047");
        }
        if (counts == 0) {
            return;
        }
        for (int i = 0; i < counts; i++) {
            count = (count + 1) & (MppeHeader.COUNT_SPACE - 1);
            if (stateless || (count & 0xFF) == 0xFF) {
                cipher.changeKey();
            }
        }
        cipher.flush();
        flushPending = true;
    }

    /** The coherency count of the last packet sent (4095 before the first). */
    public int lastCoherencyCount() {
        return count;
    }

    /** Wipes the keys; the encryptor must not be used afterwards. */
    public void destroy() {
        cipher.destroy();
    }

    @Override
    public String toString() {
        return "MppeEncryptor[" + (stateless ? "stateless" : "stateful") + ", count=" + count + "]";
    }
}
