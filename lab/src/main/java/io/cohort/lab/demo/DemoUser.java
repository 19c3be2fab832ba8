package io.cohort.lab.demo;

import io.cohort.ppp.auth.InMemoryUserDirectory;
import io.cohort.ppp.auth.UserDirectory;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The built-in user of {@code cohort run --demo}: a fixed name and a random password made for
 * this run, known only to the server and its built-in client. {@link #toString()} hides it.
 */
public record DemoUser(String name, String password) {
    public static final String NAME = "demo";

    public DemoUser {
        Objects.requireNonNull(name);
        Objects.requireNonNull(password);
    }

    /** The demo user with a fresh 128-bit random password. */
    public static DemoUser random() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return new DemoUser(NAME, HexFormat.of().formatHex(bytes));
    }

    /** A directory holding just this user, for the server's additional users. */
    public UserDirectory directory() {
        return new InMemoryUserDirectory().put(name, password);
    }

    @Override
    public String toString() {
        return "DemoUser[" + name + ", password=redacted]";
    }
}
