package io.cohort.ppp.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users held in memory: the server's built-in demo user, and tests. */
public final class InMemoryUserDirectory implements UserDirectory {
    private final Map<String, UserSecret> users = new ConcurrentHashMap<>();

    /** Adds or replaces a user with a clear-text password (so every method, CHAP-MD5 too, works). */
    public InMemoryUserDirectory put(String user, String password) {
        users.put(user, UserSecret.ofPassword(password));
        return this;
    }

    /** Adds or replaces a user known only by NT hash (PAP and MS-CHAPv2). */
    public InMemoryUserDirectory putNtHash(String user, byte[] ntHash) {
        users.put(user, UserSecret.ofNtHash(ntHash));
        return this;
    }

    @Override
    public Optional<UserSecret> find(String user) {
        return Optional.ofNullable(users.get(user));
    }
}
