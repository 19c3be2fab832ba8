package io.cohort.ppp.auth;

/**
 * What a peer presented, one variant per method. toString() shows the method and user only.
 * Arrays are copied in; callers must not expect to change them afterwards.
 */
public sealed interface AuthRequest {
    String user();

    /** PAP (RFC 1334 section 2.2.1): the clear-text password. */
    record Pap(String user, byte[] password) implements AuthRequest {
        public Pap {
            password = password.clone();
        }

        @Override
        public String toString() {
            return "Pap[user=" + user + "]";
        }
    }

    /** CHAP with MD5 (RFC 1994 section 4.1): identifier, our challenge and the peer's response. */
    record ChapMd5(String user, int identifier, byte[] challenge, byte[] response) implements AuthRequest {
        public ChapMd5 {
            challenge = challenge.clone();
            response = response.clone();
        }

        @Override
        public String toString() {
            return "ChapMd5[user=" + user + ", id=" + identifier + "]";
        }
    }

    /** MS-CHAPv2 (RFC 2759 section 4): both challenges and the peer's 24-octet NT-Response. */
    record MsChapV2(String user, byte[] authenticatorChallenge, byte[] peerChallenge, byte[] ntResponse)
            implements AuthRequest {
        public MsChapV2 {
            authenticatorChallenge = authenticatorChallenge.clone();
            peerChallenge = peerChallenge.clone();
            ntResponse = ntResponse.clone();
        }

        @Override
        public String toString() {
            return "MsChapV2[user=" + user + "]";
        }
    }
}
