package io.cohort.ppp.auth;

import java.util.Optional;

/**
 * What Cohort stores for a local user: always the NT hash (MD4 of the UTF-16LE password, enough
 * for PAP and MS-CHAPv2), and the clear-text password only for users who must use CHAP-MD5.
 * toString() is redacted.
 */
public final class UserSecret {
    private final byte[] ntHash;
    private final byte[] clearPassword;

    private UserSecret(byte[] ntHash, byte[] clearPassword) {
        if (ntHash.length != 16) {
            throw new IllegalArgumentException("an NT hash is 16 octets");
        }
        this.ntHash = ntHash.clone();
        this.clearPassword = clearPassword == null ? null : clearPassword.clone();
    }

    public static UserSecret ofNtHash(byte[] ntHash) {
        return new UserSecret(ntHash, null);
    }

    public static UserSecret ofPassword(String password) {
        return new UserSecret(NtHash.bytesOf(password),
                password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public byte[] ntHash() {
        return ntHash.clone();
    }

    /** The clear-text password in UTF-8, present only for CHAP-MD5 users. */
    public Optional<byte[]> clearPassword() {
        return clearPassword == null ? Optional.empty() : Optional.of(clearPassword.clone());
    }

    @Override
    public String toString() {
        return "UserSecret[redacted" + (clearPassword != null ? ", clear-text" : "") + "]";
    }
}
