package io.cohort.cluster.secure;

import io.cohort.cluster.member.MemberId;
import io.cohort.telemetry.Counter;
import io.cohort.telemetry.Counters;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the sealed cluster messages that reach this member: from each member with a pairwise
 * session (installed at join, {@link #installSession}), and the master's broadcasts under its group
 * key ({@link #installGroupKey}). Every envelope that is not authentic, fresh and from a known key
 * is dropped and counted, and nothing is thrown:
 *
 * <ul>
 *   <li>{@value #MALFORMED}: not a {@link SealedEnvelope};</li>
 *   <li>{@value #UNKNOWN_SENDER}: from a member with no session (a non-member, or one that left);</li>
 *   <li>{@value #UNKNOWN_KEY}: a key id the sender has not (or no longer) got;</li>
 *   <li>{@value #REPLAY}: a sequence number seen before or older than the window, per key
 *       ({@link ReplayWindow}, checked before the tag and updated after it);</li>
 *   <li>{@value #BAD_TAG}: the Poly1305 tag does not verify (forged, damaged or a wrong key).</li>
 * </ul>
 *
 * <p>Rekeying: a pairwise sender's {@link Sealer#rekey()} starts key id + 1; the first envelope
 * under it that authenticates promotes it here, and the previous key stays usable for messages
 * still in flight until the one after. Not thread-safe: one event loop owns it.
 */
public final class Opener {
    public static final String OPENED = "cluster.rx.opened";
    public static final String MALFORMED = "cluster.rx.dropped.malformed";
    public static final String UNKNOWN_SENDER = "cluster.rx.dropped.unknown_sender";
    public static final String UNKNOWN_KEY = "cluster.rx.dropped.unknown_key";
    public static final String REPLAY = "cluster.rx.dropped.replay";
    public static final String BAD_TAG = "cluster.rx.dropped.bad_tag";

    /** A receive key and its replay window. */
    private static final class ReceiveKey {
        final TrafficKey key;
        final ReplayWindow window = new ReplayWindow();

        ReceiveKey(TrafficKey key) {
            this.key = key;
        }
    }

    /** What this member can open from one sender. */
    private static final class Sender {
        ReceiveKey current;
        ReceiveKey previous;
        final Map<Integer, ReceiveKey> group = new HashMap<>();
    }

    private final Map<MemberId, Sender> senders = new HashMap<>();
    private final Aead aead = new Aead();
    private final Counter opened;
    private final Counter malformed;
    private final Counter unknownSender;
    private final Counter unknownKey;
    private final Counter replay;
    private final Counter badTag;

    public Opener(Counters counters) {
        opened = counters.counter(OPENED);
        malformed = counters.counter(MALFORMED);
        unknownSender = counters.counter(UNKNOWN_SENDER);
        unknownKey = counters.counter(UNKNOWN_KEY);
        replay = counters.counter(REPLAY);
        badTag = counters.counter(BAD_TAG);
    }

    /** Installs (or replaces, after a new join) the key {@code peer} seals with toward us. */
    public void installSession(MemberId peer, TrafficKey receiveKey) {
        if (receiveKey.isGroupKey()) {
            throw new IllegalArgumentException("a session key is not a group key: " + receiveKey);
        }
        Sender sender = senders.computeIfAbsent(peer, p -> new Sender());
        destroy(sender.current);
        destroy(sender.previous);
        sender.current = new ReceiveKey(receiveKey);
        sender.previous = null;
    }

    /** Installs a group key granted by its owner (the master); earlier group keys of the owner stay until {@link #retireGroupKey}. */
    public void installGroupKey(GroupKey key) {
        Sender sender = senders.computeIfAbsent(key.owner(), p -> new Sender());
        destroy(sender.group.put(key.key().keyId(), new ReceiveKey(key.key())));
    }

    public void retireGroupKey(MemberId owner, int keyId) {
        Sender sender = senders.get(owner);
        if (sender != null) {
            destroy(sender.group.remove(keyId));
        }
    }

    /** Forgets every key of {@code member} (it left or was declared dead). */
    public void removeSender(MemberId member) {
        Sender sender = senders.remove(member);
        if (sender != null) {
            destroy(sender.current);
            destroy(sender.previous);
            sender.group.values().forEach(Opener::destroy);
        }
    }

    /** Whether {@code owner} granted us a group key that is still installed. */
    public boolean hasGroupKeyOf(MemberId owner) {
        Sender sender = senders.get(owner);
        return sender != null && !sender.group.isEmpty();
    }

    /** The message in {@code envelope}, or empty if it is dropped (and counted). */
    public Optional<Opened> open(byte[] envelope) {
        SealedEnvelope header;
        try {
            header = SealedEnvelope.parse(envelope);
        } catch (EnvelopeFormatException e) {
            malformed.increment();
            return Optional.empty();
        }
        Sender sender = senders.get(header.sender());
        if (sender == null) {
            unknownSender.increment();
            return Optional.empty();
        }
        int keyId = header.keyId();
        boolean group = (keyId & TrafficKey.GROUP_BIT) != 0;
        ReceiveKey receive;
        boolean promote = false;
        if (group) {
            receive = sender.group.get(keyId);
        } else if (sender.current != null && sender.current.key.keyId() == keyId) {
            receive = sender.current;
        } else if (sender.previous != null && sender.previous.key.keyId() == keyId) {
            receive = sender.previous;
        } else if (sender.current != null && sender.current.key.keyId() + 1 == keyId && keyId > 0) {
            receive = new ReceiveKey(sender.current.key.next());
            promote = true;
        } else {
            receive = null;
        }
        if (receive == null) {
            unknownKey.increment();
            return Optional.empty();
        }
        if (!receive.window.isFresh(header.sequence())) {
            replay.increment();
            return Optional.empty();
        }
        byte[] payload = aead.open(receive.key, header, envelope);
        if (payload == null) {
            badTag.increment();
            if (promote) {
                receive.key.destroy();
            }
            return Optional.empty();
        }
        receive.window.accept(header.sequence());
        if (promote) {
            destroy(sender.previous);
            sender.previous = sender.current;
            sender.current = receive;
        }
        opened.increment();
        return Optional.of(new Opened(header.sender(), group, header.sequence(), payload));
    }

    private static void destroy(ReceiveKey key) {
        if (key != null) {
            key.key.destroy();
        }
    }

    @Override
    public String toString() {
        return "Opener[" + senders.size() + " senders]";
    }
}
