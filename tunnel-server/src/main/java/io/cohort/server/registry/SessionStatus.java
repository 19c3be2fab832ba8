package io.cohort.server.registry;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.Optional;

/**
 * A session row at one moment, for status output. {@code user} is empty until authentication,
 * {@code address} until IPCP assigned one.
 */
public record SessionStatus(SessionKey key, int peerId, Optional<String> user, Optional<Inet4Address> address,
                            SessionState state, Instant upSince, Traffic traffic) {
}
