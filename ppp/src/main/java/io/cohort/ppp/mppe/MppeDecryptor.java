package io.cohort.ppp.mppe;

/**
 * The receiving side of MPPE (RFC 3078) for one link: takes the information field of a PPP
 * packet with Protocol 0x00FD and returns the decrypted PPP packet (Protocol field first).
 *
 * <p>Stateless (8.1): the key is changed N = C1 - C2 times (modulo 4096) before decrypting, C2
 * being the count of the last packet received, so lost packets cost extra key changes and nothing
 * else. A count that did not advance is dropped; one more than half the count space ahead is taken
 * for a late packet and dropped without touching the keys.
 *
 * <p>Stateful (7.2, 8.2): the next count is decrypted in turn, with a key change first if it is a
 * flag packet and a table re-initialisation if A is set. Any other count means loss: the packet
 * is dropped with {@link MppeDropReason#LOSS_DETECTED} (send one CCP Reset-Request), then packets
 * are discarded ({@link MppeDropReason#AWAITING_FLUSH}) until one has A set. That packet
 * resynchronises: one key change per flag count passed since the last packet decrypted (the
 * "256 or more consecutive packets" of 8.2 included), the tables re-initialised, its count
 * adopted. A packet with A set that arrives with a gap resynchronises the same way without a
 * Reset-Request, since it is decryptable.
 */
public final class MppeDecryptor {
    private static final int MASK = MppeHeader.COUNT_SPACE - 1;
    /** Counts further ahead than this are taken for late packets. */
    static final int MAX_FORWARD_GAP = MppeHeader.COUNT_SPACE / 2;

    private final MppeCipher cipher;
    private final boolean stateless;
    private int last;
    private boolean awaitingFlush;

    /** @param receiveStartKey our receive start key ({@link MppeStartKeys#receive()}) */
    public MppeDecryptor(byte[] receiveStartKey, MppeMode mode) {
        this.cipher = new MppeCipher(receiveStartKey, mode.strength());
        this.stateless = mode.stateless();
        this.last = MASK;
    }

    /** A decryptor that carries on exactly where the one that gave {@link #state()} stopped. */
    public MppeDecryptor(byte[] receiveStartKey, MppeMode mode, MppeDecryptorState state) {
        this.cipher = new MppeCipher(receiveStartKey, mode.strength(), state.sessionKey(), state.keystreamOffset());
        this.stateless = mode.stateless();
        this.last = state.coherencyCount();
        this.awaitingFlush = state.awaitingFlush();
    }

    /** The essential state of this direction (patent, figure 7). */
    public MppeDecryptorState state() {
        return new MppeDecryptorState(last, cipher.sessionKey(), cipher.keystreamOffset(), awaitingFlush);
    }

    /** Decrypts one MPPE packet (header first; not modified). */
    public MppeReceiveResult decrypt(byte[] mppePacket) {
        if (mppePacket.length < MppeHeader.LENGTH) {
            return drop(MppeDropReason.TRUNCATED);
        }
        MppeHeader h = MppeHeader.read(mppePacket);
        if (!h.encrypted()) {
            return drop(MppeDropReason.NOT_ENCRYPTED);
        }
        if (h.compressed()) {
            return drop(MppeDropReason.COMPRESSED);
        }
        int cc = h.coherencyCount();
        int gap = (cc - last) & MASK;
        if (stateless) {
            if (!h.flushed()) {
                return drop(MppeDropReason.NOT_FLUSHED_IN_STATELESS_MODE);
            }
            if (gap == 0) {
                return drop(MppeDropReason.REPEATED_COUNT);
            }
            if (gap > MAX_FORWARD_GAP) {
                return drop(MppeDropReason.STALE_COUNT);
            }
            for (int i = 0; i < gap; i++) {
                cipher.changeKey(); // 8.1: N = C1 - C2 key changes
            }
        } else if (gap == 1 && !awaitingFlush) {
            if ((cc & 0xFF) == 0xFF) {
                cipher.changeKey(); // 7.2: after receiving, before decrypting a flag packet
            }
            if (h.flushed()) {
                cipher.flush();
            }
        } else if (h.flushed()) {
            if (gap == 0 || gap > MAX_FORWARD_GAP) {
                return drop(gap == 0 ? MppeDropReason.REPEATED_COUNT : MppeDropReason.STALE_COUNT);
            }
            for (int i = 0, flags = flagCountsPassed(last, gap); i < flags; i++) {
                cipher.changeKey(); // 8.2: one key change per flag packet the sender passed
            }
            cipher.flush(); // 8.2: re-initialise with the current session key
            awaitingFlush = false;
        } else if (awaitingFlush) {
            return drop(MppeDropReason.AWAITING_FLUSH);
        } else {
            awaitingFlush = true;
            return drop(MppeDropReason.LOSS_DETECTED);
        }
        last = cc;
        byte[] plaintext = new byte[mppePacket.length - MppeHeader.LENGTH];
        System.arraycopy(mppePacket, MppeHeader.LENGTH, plaintext, 0, plaintext.length);
        cipher.crypt(plaintext, 0, plaintext.length);
        return new MppeReceiveResult.Decrypted(plaintext);
    }

    /** The coherency count of the last packet decrypted (4095 before the first). */
    public int lastCoherencyCount() {
        return last;
    }

    /** Stateful mode: whether packets are being discarded until one has A set. */
    public boolean awaitingFlush() {
        return awaitingFlush;
    }

    /** Wipes the keys; the decryptor must not be used afterwards. */
    public void destroy() {
        cipher.destroy();
    }

    /** How many counts in (from, from + gap] (modulo 4096) have the low octet 0xFF. */
    static int flagCountsPassed(int from, int gap) {
        int n = 0;
        for (int i = 1; i <= gap; i++) {
            if (((from + i) & 0xFF) == 0xFF) {
                n++;
            }
        }
        return n;
    }

    private static MppeReceiveResult drop(MppeDropReason reason) {
        return new MppeReceiveResult.Dropped(reason);
    }

    @Override
    public String toString() {
        return "MppeDecryptor[" + (stateless ? "stateless" : "stateful") + ", last=" + last + "]";
    }
}
