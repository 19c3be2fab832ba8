package io.cohort.ppp.auth;

import io.cohort.ppp.crypto.MppeKeyMaterial;
import java.util.Optional;

/** How an {@link AuthExchange} reports: exactly once per start. */
public interface AuthOutcome {
    void succeeded(String user, Optional<MppeKeyMaterial> keys);

    /** {@code reason} contains no secrets. */
    void failed(String reason);
}
