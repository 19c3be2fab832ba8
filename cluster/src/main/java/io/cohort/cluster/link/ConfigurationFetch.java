package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.time.Scheduler;
import io.cohort.time.Timer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One fetch of the cluster configuration from a member (figure 6, 641): the request is repeated
 * every {@code retry} until the member answers or {@code attempts} requests went unanswered.
 */
final class ConfigurationFetch {
    private final MemberId source;
    private final CompletableFuture<SharedConfiguration> result = new CompletableFuture<>();
    private Timer timer = Timer.NONE;

    private ConfigurationFetch(MemberId source) {
        this.source = source;
    }

    /** Starts fetching from {@code source}; {@code request} sends one request. */
    static ConfigurationFetch start(MemberId source, Scheduler scheduler, LinkSettings settings, Runnable request) {
        ConfigurationFetch fetch = new ConfigurationFetch(source);
        fetch.send(scheduler, settings, request, 1);
        return fetch;
    }

    private void send(Scheduler scheduler, LinkSettings settings, Runnable request, int attempt) {
        if (result.isDone()) {
            return;
        }
        if (attempt > settings.configurationAttempts()) {
            result.completeExceptionally(new IllegalStateException(source + " did not answer "
                    + settings.configurationAttempts() + " configuration requests"));
            return;
        }
        request.run();
        timer = scheduler.schedule(settings.configurationRetry(), () -> send(scheduler, settings, request, attempt + 1));
    }

    MemberId source() {
        return source;
    }

    CompletableFuture<SharedConfiguration> result() {
        return result;
    }

    /** The answer's octets (version, content); false if they are not a configuration. */
    boolean answered(byte[] body) {
        if (body.length < 8) {
            return false;
        }
        long version = ByteBuffer.wrap(body).getLong();
        if (version < 0) {
            return false;
        }
        timer.cancel();
        result.complete(new SharedConfiguration(version, Arrays.copyOfRange(body, 8, body.length)));
        return true;
    }

    void cancel(Consumer<CompletableFuture<SharedConfiguration>> how) {
        timer.cancel();
        how.accept(result);
    }

    static byte[] encode(SharedConfiguration configuration) {
        byte[] content = configuration.content();
        return ByteBuffer.allocate(8 + content.length).putLong(configuration.version()).put(content).array();
    }
}
