package io.cohort.l2tp.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One L2TP control message (RFC 2661 sections 3.2 and 6): its type, which the encoder writes as
 * the leading Message Type AVP, and the AVPs that follow, in wire order.
 */
public record ControlMessage(MessageType type, List<FlaggedAvp> avps) {

    public ControlMessage {
        Objects.requireNonNull(type, "type");
        avps = List.copyOf(avps);
    }

    /** A message whose AVPs are all in cleartext with their RFC-required M-bits. */
    public static ControlMessage of(MessageType type, Avp... avps) {
        List<FlaggedAvp> flagged = new ArrayList<>(avps.length);
        for (Avp avp : avps) {
            flagged.add(FlaggedAvp.of(avp));
        }
        return new ControlMessage(type, flagged);
    }

    /** A builder for messages mixing cleartext and hidden AVPs. */
    public static Builder builder(MessageType type) {
        return new Builder(type);
    }

    /** The first AVP of this record type, if any. */
    public <T extends Avp> Optional<T> find(Class<T> avpClass) {
        for (FlaggedAvp f : avps) {
            if (avpClass.isInstance(f.avp())) {
                return Optional.of(avpClass.cast(f.avp()));
            }
        }
        return Optional.empty();
    }

    /** All AVPs of this record type, in wire order. */
    public <T extends Avp> List<T> findAll(Class<T> avpClass) {
        List<T> out = new ArrayList<>();
        for (FlaggedAvp f : avps) {
            if (avpClass.isInstance(f.avp())) {
                out.add(avpClass.cast(f.avp()));
            }
        }
        return out;
    }

    /** Whether an AVP of this RFC 2661 type is present. */
    public boolean contains(AvpType avpType) {
        for (FlaggedAvp f : avps) {
            if (f.avp() instanceof Avp.Standard s && s.type() == avpType) {
                return true;
            }
        }
        return false;
    }

    /** Collects AVPs in order; {@link #hidden(Avp)} ones are hidden by the encoder. */
    public static final class Builder {
        private final MessageType type;
        private final List<FlaggedAvp> avps = new ArrayList<>();

        private Builder(MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Adds the AVP in cleartext with its RFC-required M-bit. */
        public Builder add(Avp avp) {
            avps.add(FlaggedAvp.of(avp));
            return this;
        }

        /** Adds the AVP hidden (section 4.3) with its RFC-required M-bit. */
        public Builder hidden(Avp avp) {
            avps.add(FlaggedAvp.hidden(avp));
            return this;
        }

        /** Adds the AVP with explicit bits. */
        public Builder add(FlaggedAvp avp) {
            avps.add(Objects.requireNonNull(avp, "avp"));
            return this;
        }

        public ControlMessage build() {
            return new ControlMessage(type, avps);
        }
    }
}
