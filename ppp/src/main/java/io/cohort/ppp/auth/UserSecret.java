package io.cohort.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Cohort stores for a local user, one of three kinds:
 * <ul>
 * <li>the NT hash (MD4 of the UTF-16LE password, RFC 2759 8.3): serves PAP and MS-CHAPv2, so an
 *     MS-CHAPv2 user needs no clear text;</li>
 * <li>a salted bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, as {@code htpasswd -B}
 *     writes it): serves PAP only, since no challenge protocol can be checked against it;</li>
 * <li>the clear-text password: serves every method, and is needed for CHAP-MD5 (RFC 1994 4.1).</li>
 * </ul>
 * toString() is redacted.
 */
public final class UserSecret {
    /** Modular crypt format of bcrypt: version, two-digit cost, 22 salt and 31 hash characters. */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    private final byte[] ntHash;
    private final byte[] clearPassword;
    private final String bcrypt;

    private UserSecret(byte[] ntHash, byte[] clearPassword, String bcrypt) {
        if (ntHash != null && ntHash.length != 16) {
            throw new IllegalArgumentException("an NT hash is 16 octets");
        }
        this.ntHash = ntHash == null ? null : ntHash.clone();
        this.clearPassword = clearPassword == null ? null : clearPassword.clone();
        this.bcrypt = bcrypt;
    }

    public static UserSecret ofNtHash(byte[] ntHash) {
        return new UserSecret(ntHash, null, null);
    }

    public static UserSecret ofPassword(String password) {
        return new UserSecret(NtHash.bytesOf(password), password.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A bcrypt hash in modular crypt format; the exception's message never repeats it. */
    public static UserSecret ofBcrypt(String hash) {
        if (!isBcrypt(hash)) {
            throw new IllegalArgumentException("not a bcrypt hash ($2a$, $2b$ or $2y$, cost 04-31)");
        }
        return new UserSecret(null, null, hash);
    }

    static boolean isBcrypt(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    /** The NT hash, absent for bcrypt-only users. */
    public Optional<byte[]> ntHash() {
        return ntHash == null ? Optional.empty() : Optional.of(ntHash.clone());
    }

    /** The clear-text password in UTF-8, present only for CHAP-MD5 users. */
    public Optional<byte[]> clearPassword() {
        return clearPassword == null ? Optional.empty() : Optional.of(clearPassword.clone());
    }

    /** The salted bcrypt hash, present only for users stored that way. */
    public Optional<String> bcrypt() {
        return Optional.ofNullable(bcrypt);
    }

    @Override
    public String toString() {
        String kind = bcrypt != null ? ", bcrypt" : clearPassword != null ? ", clear-text" : "";
        return "UserSecret[redacted" + kind + "]";
    }
}
