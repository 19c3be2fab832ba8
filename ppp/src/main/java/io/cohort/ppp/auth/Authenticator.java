package io.cohort.ppp.auth;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a peer's credentials are good. May complete on any thread (e.g. a RADIUS
 * client's); the PPP link hops the completion back onto its engine thread. Must not complete
 * exceptionally for a wrong password: that is a {@link AuthDecision.Reject}.
 */
@FunctionalInterface
public interface Authenticator {
    CompletionStage<AuthDecision> authenticate(AuthRequest request);
}
