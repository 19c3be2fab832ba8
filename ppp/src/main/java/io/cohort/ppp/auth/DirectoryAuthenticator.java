package io.cohort.ppp.auth;

import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.crypto.MsChapV2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Authenticates against a {@link UserDirectory}, synchronously. Comparisons are constant-time
 * ({@link MessageDigest#isEqual}), and an unknown user costs the same hashing as a known one so
 * that timing does not reveal which names exist.
 */
public final class DirectoryAuthenticator implements Authenticator {
    static final String FAILED = "Authentication failed";
    private static final UserSecret DECOY = UserSecret.ofNtHash(new byte[16]);

    private final UserDirectory directory;

    public DirectoryAuthenticator(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        return CompletableFuture.completedFuture(decide(request));
    }

    /** The same decision, without the future. */
    public AuthDecision decide(AuthRequest request) {
        Optional<UserSecret> found = directory.find(request.user());
        UserSecret secret = found.orElse(DECOY);
        boolean good = switch (request) {
            case AuthRequest.Pap pap -> MessageDigest.isEqual(
                    NtHash.bytesOf(new String(pap.password(), StandardCharsets.UTF_8)), secret.ntHash());
            case AuthRequest.ChapMd5 chap -> secret.clearPassword()
                    .map(pw -> MessageDigest.isEqual(ChapMd5.response(chap.identifier(), pw, chap.challenge()),
                            chap.response()))
                    .orElse(false); // CHAP-MD5 needs the clear text (RFC 1994 section 4.1)
            case AuthRequest.MsChapV2 ms -> MessageDigest.isEqual(MsChapV2.generateNtResponse(
                    ms.authenticatorChallenge(), ms.peerChallenge(), ms.user(), secret.ntHash()), ms.ntResponse());
        };
        if (!good || found.isEmpty()) {
            return new AuthDecision.Reject(FAILED);
        }
        if (request instanceof AuthRequest.MsChapV2 ms) {
            byte[] hash = secret.ntHash();
            String s = MsChapV2.generateAuthenticatorResponse(hash, ms.ntResponse(), ms.peerChallenge(),
                    ms.authenticatorChallenge(), ms.user());
            return new AuthDecision.Accept(ms.user(), Optional.of(s),
                    Optional.of(MppeKeyMaterial.fromPasswordHash(hash, ms.ntResponse())));
        }
        return AuthDecision.Accept.plain(request.user());
    }
}
