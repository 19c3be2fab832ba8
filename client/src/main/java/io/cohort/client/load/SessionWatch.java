package io.cohort.client.load;

import io.cohort.client.ClientSession;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Watches sessions through a failover: each sends one ICMP echo through its tunnel (to its
 * gateway, or to a host behind the server) every
 * {@code interval} (waiting at most as long for the answer) and the watch keeps, per session, the
 * time of its last answer and the longest gap between two answers. A session whose last answer is
 * older than {@code silentAfter} is counted silent: lost, or not yet back. Gaps are measured per
 * period: {@link #report()} returns them and starts the next period.
 */
public final class SessionWatch implements AutoCloseable {
    /** How many of the longest gaps a report names. */
    public static final int WORST = 3;
    private final List<Watched> watched;
    private final Duration interval;
    private final Duration silentAfter;
    private final LongSupplier nanoTime;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private SessionWatch(List<Watched> watched, Duration interval, Duration silentAfter, LongSupplier nanoTime) {
        this.watched = watched;
        this.interval = interval;
        this.silentAfter = silentAfter;
        this.nanoTime = nanoTime;
    }

    /** Starts watching {@code sessions}, pinging each one's gateway, one virtual thread each. */
    public static SessionWatch start(List<ClientSession> sessions, Duration interval, Duration silentAfter) {
        return start(sessions, Optional.empty(), interval, silentAfter);
    }

    /**
     * Starts watching {@code sessions}, pinging {@code target} through each (a host behind the
     * server), or without one each session's gateway; one virtual thread each.
     */
    public static SessionWatch start(List<ClientSession> sessions, Optional<Inet4Address> target, Duration interval,
                                     Duration silentAfter) {
        SessionWatch watch = of(sessions.size(), interval, silentAfter, System::nanoTime);
        for (int i = 0; i < sessions.size(); i++) {
            ClientSession session = sessions.get(i);
            Inet4Address pinged = target.orElse(session.gateway());
            Watched w = watch.watched.get(i);
            watch.threads.add(Thread.ofVirtual().name("session-watch-" + i).start(() -> watch.pingLoop(session, pinged, w)));
        }
        return watch;
    }

    /** A watch of {@code sessions} sessions fed by {@link #answered} (for tests; nothing is sent). */
    static SessionWatch of(int sessions, Duration interval, Duration silentAfter, LongSupplier nanoTime) {
        long now = nanoTime.getAsLong();
        List<Watched> watched = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            watched.add(new Watched(now));
        }
        return new SessionWatch(watched, Objects.requireNonNull(interval), Objects.requireNonNull(silentAfter), nanoTime);
    }

    private void pingLoop(ClientSession session, Inet4Address target, Watched w) {
        long next = nanoTime.getAsLong();
        while (!closed.get()) {
            if (session.ping(target, 1, interval).received() > 0) {
                answered(w);
            }
            next += interval.toNanos();
            long wait = next - nanoTime.getAsLong();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = nanoTime.getAsLong();
            }
        }
    }

    /** Session {@code index} was answered now. */
    void answered(int index) {
        answered(watched.get(index));
    }

    private void answered(Watched w) {
        long now = nanoTime.getAsLong();
        synchronized (w) {
            w.longestGap = Math.max(w.longestGap, now - w.lastAnswer);
            w.lastAnswer = now;
        }
    }

    /**
     * What the sessions did since the last report: the longest gap of each (a silent session's gap
     * runs until now), and how many are silent now. Starts the next period.
     */
    public Report report() {
        long now = nanoTime.getAsLong();
        long[] gaps = new long[watched.size()];
        List<Gap> bySession = new ArrayList<>(gaps.length);
        int silent = 0;
        for (int i = 0; i < gaps.length; i++) {
            Watched w = watched.get(i);
            synchronized (w) {
                long sinceLast = now - w.lastAnswer;
                gaps[i] = Math.max(w.longestGap, sinceLast);
                bySession.add(new Gap(i, Duration.ofNanos(gaps[i])));
                if (sinceLast > silentAfter.toNanos()) {
                    silent++;
                }
                w.longestGap = 0;
            }
        }
        Arrays.sort(gaps);
        bySession.sort(Comparator.comparing(Gap::gap).reversed());
        return new Report(gaps.length, silent, percentile(gaps, 50), percentile(gaps, 99),
                gaps.length == 0 ? Duration.ZERO : Duration.ofNanos(gaps[gaps.length - 1]),
                List.copyOf(bySession.subList(0, Math.min(WORST, bySession.size()))));
    }

    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return Duration.ofNanos(sorted[Math.max(0, rank)]);
    }

    @Override
    public void close() {
        closed.set(true);
        threads.forEach(Thread::interrupt);
    }

    /**
     * One period of the watch.
     *
     * @param sessions sessions watched
     * @param silent sessions without an answer for longer than the watch's {@code silentAfter}
     * @param medianGap the median of the sessions' longest gaps between answers
     * @param p99Gap their 99th percentile
     * @param maxGap the longest
     * @param worst the sessions with the longest gaps, longest first (at most {@value #WORST})
     */
    public record Report(int sessions, int silent, Duration medianGap, Duration p99Gap, Duration maxGap,
                         List<Gap> worst) {
        public Report {
            worst = List.copyOf(worst);
        }
    }

    /** One session's longest gap in a period; {@code session} is its index in the watched list. */
    public record Gap(int session, Duration gap) {
    }

    /** One session's answers, guarded by itself. */
    private static final class Watched {
        private long lastAnswer;
        private long longestGap;

        private Watched(long now) {
            this.lastAnswer = now;
        }
    }
}
