package io.cohort.cluster.link;

import io.cohort.cluster.member.MemberId;
import io.cohort.cluster.message.MemberAddress;
import io.cohort.cluster.secure.Opener;
import io.cohort.cluster.secure.Sealer;
import io.cohort.cluster.secure.SessionKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pairwise sessions of this member: with each member that joined us (as master) and with the
 * masters we joined, by name and by cluster address. A new handshake with the same peer replaces
 * its session.
 */
final class Sessions {
    /** A member we share a pairwise session with. */
    record Peer(MemberId name, MemberAddress address, Sealer sealer) {
    }

    private final MemberId self;
    private final Opener opener;
    private final Map<MemberId, Peer> byName = new HashMap<>();
    private final Map<MemberAddress, MemberId> byAddress = new HashMap<>();

    Sessions(MemberId self, Opener opener) {
        this.self = self;
        this.opener = opener;
    }

    void install(SessionKeys keys, MemberAddress address) {
        MemberId peer = keys.peer().member();
        Peer previous = byName.put(peer, new Peer(peer, address, keys.sealer(self)));
        if (previous != null) {
            byAddress.remove(previous.address());
        }
        byAddress.put(address, peer);
        keys.installInto(opener);
    }

    Optional<Peer> named(MemberId name) {
        return Optional.ofNullable(byName.get(name));
    }

    Optional<Peer> at(MemberAddress address) {
        return Optional.ofNullable(byAddress.get(address)).map(byName::get);
    }

    /** Forgets {@code member}'s session and every key of it. */
    void remove(MemberId member) {
        Peer peer = byName.remove(member);
        if (peer != null) {
            byAddress.remove(peer.address());
        }
        opener.removeSender(member);
    }

    int size() {
        return byName.size();
    }
}
