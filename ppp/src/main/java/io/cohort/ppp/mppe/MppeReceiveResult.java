package io.cohort.ppp.mppe;

import java.util.Objects;

/** The outcome of {@link MppeDecryptor#decrypt}: the plaintext PPP packet, or why it was dropped. */
public sealed interface MppeReceiveResult {
    /** The decrypted packet: its PPP Protocol field first, then the information (3.1). */
    record Decrypted(byte[] plaintext) implements MppeReceiveResult {
        public Decrypted {
            Objects.requireNonNull(plaintext, "plaintext");
        }

        @Override
        public String toString() {
            return "Decrypted[" + plaintext.length + " octets]";
        }
    }

    record Dropped(MppeDropReason reason) implements MppeReceiveResult {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
