package io.cohort.ppp.auth;

import io.cohort.ppp.crypto.ChapMd5;
import io.cohort.ppp.crypto.MppeKeyMaterial;
import io.cohort.ppp.crypto.MsChapV2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Authenticates against a {@link UserDirectory}. Comparisons are constant-time
 * ({@link MessageDigest#isEqual}), and an unknown user costs the same hashing as an NT-hash user
 * so that timing does not reveal which names exist. Checks against the NT hash or clear text are
 * answered at once on the caller's thread; a bcrypt check (deliberately slow, tens of
 * milliseconds) runs on {@code slowChecks} so that it never stalls the engine thread.
 */
public final class DirectoryAuthenticator implements Authenticator {
    static final String FAILED = "Authentication failed";
    private static final byte[] DECOY_HASH = new byte[16];

    private final UserDirectory directory;
    private final Executor slowChecks;

    /** bcrypt checks run on the common fork-join pool. */
    public DirectoryAuthenticator(UserDirectory directory) {
        this(directory, ForkJoinPool.commonPool());
    }

    public DirectoryAuthenticator(UserDirectory directory, Executor slowChecks) {
        this.directory = directory;
        this.slowChecks = slowChecks;
    }

    @Override
    public CompletionStage<AuthDecision> authenticate(AuthRequest request) {
        boolean slow = request instanceof AuthRequest.Pap
                && directory.find(request.user()).flatMap(UserSecret::bcrypt).isPresent();
        return slow ? CompletableFuture.supplyAsync(() -> decide(request), slowChecks)
                : CompletableFuture.completedFuture(decide(request));
    }

    /** The same decision, without the future, on the caller's thread. */
    public AuthDecision decide(AuthRequest request) {
        Optional<UserSecret> found = directory.find(request.user());
        byte[] ntHash = found.flatMap(UserSecret::ntHash).orElse(DECOY_HASH);
        boolean good = switch (request) {
            case AuthRequest.Pap pap -> found.flatMap(UserSecret::bcrypt)
                    .map(hash -> OpenBSDBCrypt.checkPassword(hash, pap.password()))
                    .orElseGet(() -> MessageDigest.isEqual(
                            NtHash.bytesOf(new String(pap.password(), StandardCharsets.UTF_8)), ntHash));
            case AuthRequest.ChapMd5 chap -> found.flatMap(UserSecret::clearPassword)
                    .map(pw -> MessageDigest.isEqual(ChapMd5.response(chap.identifier(), pw, chap.challenge()),
                            chap.response()))
                    .orElse(false); // CHAP-MD5 needs the clear text (RFC 1994 section 4.1)
            case AuthRequest.MsChapV2 ms -> MessageDigest.isEqual(MsChapV2.generateNtResponse(
                    ms.authenticatorChallenge(), ms.peerChallenge(), ms.user(), ntHash), ms.ntResponse());
        };
        // A bcrypt-only user has no NT hash: the decoy above must never let MS-CHAPv2 through.
        boolean hasNtHash = found.flatMap(UserSecret::ntHash).isPresent();
        if (!good || found.isEmpty() || (request instanceof AuthRequest.MsChapV2 && !hasNtHash)) {
            return new AuthDecision.Reject(FAILED);
        }
        if (request instanceof AuthRequest.MsChapV2 ms) {
            String s = MsChapV2.generateAuthenticatorResponse(ntHash, ms.ntResponse(), ms.peerChallenge(),
                    ms.authenticatorChallenge(), ms.user());
            return new AuthDecision.Accept(ms.user(), Optional.of(s),
                    Optional.of(MppeKeyMaterial.fromPasswordHash(ntHash, ms.ntResponse())));
        }
        return AuthDecision.Accept.plain(request.user());
    }
}
