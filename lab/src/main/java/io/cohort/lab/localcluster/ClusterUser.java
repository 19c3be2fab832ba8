package io.cohort.lab.localcluster;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The one user every member of a local cluster knows: a fixed name and a random password made for
 * this run. {@link #toString()} hides the password.
 */
public record ClusterUser(String name, String password) {
    public ClusterUser {
        Objects.requireNonNull(name);
        Objects.requireNonNull(password);
    }

    /** User {@code demo} with a fresh 128-bit random password. */
    static ClusterUser random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return new ClusterUser("demo", HexFormat.of().formatHex(bytes));
    }

    /** The line of the users file ({@code ppp/README.md}): the clear password serves PAP, CHAP and MS-CHAPv2. */
    String usersFileLine() {
        return name + ":clear:" + password + "\n";
    }

    @Override
    public String toString() {
        return "ClusterUser[" + name + ", password=redacted]";
    }
}
