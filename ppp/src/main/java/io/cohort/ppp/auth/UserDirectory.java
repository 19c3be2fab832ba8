package io.cohort.ppp.auth;

import java.util.Optional;

/** Looks local users up by name. Implementations are read on the engine thread. */
@FunctionalInterface
public interface UserDirectory {
    Optional<UserSecret> find(String user);
}
