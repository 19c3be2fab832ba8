package io.cohort.server.pptp;

import static io.cohort.server.pptp.PptpStateKeys.CALL_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.CONNECTION_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.GRE_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.PPP_INITIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_ESSENTIAL;
import static io.cohort.server.pptp.PptpStateKeys.TCP_INITIAL;

import io.cohort.dataplane.tcprepair.TcpConnectionState;
import io.cohort.dataplane.tcprepair.TcpConnectionStateCodec;
import io.cohort.ppp.PppLinkEssentialState;
import io.cohort.ppp.PppLinkInitialState;
import io.cohort.ppp.statecodec.PppLinkStateCodec;
import io.cohort.pptp.control.ControlConnectionEssentialState;
import io.cohort.pptp.control.ControlConnectionInitialState;
import io.cohort.pptp.control.PptpCall;
import io.cohort.pptp.control.PptpCallEssentialState;
import io.cohort.pptp.gre.GreChannelEssentialState;
import io.cohort.pptp.gre.GreChannelInitialState;
import io.cohort.pptp.state.PptpStateCodec;
import io.cohort.replication.ReplicaStore.Replica;
import io.cohort.replication.StateKey;
import io.cohort.wire.DecodeResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the PPTP connections out of one work unit's replicas ({@link PptpStateKeys}): every
 * connection whose four records (control initial and essential, TCP initial and essential) are
 * present and decode, with its calls. What cannot be used is reported, never thrown: a
 * connection with a record missing or undecodable is skipped, as is a call without its
 * initial state (the rebuilt connection then does not know it); a call whose data channel or PPP
 * link is missing or undecodable is carried without a session, to be cleared. Other protocols'
 * keys are ignored.
 */
final class ReplicatedConnections {
    /** The connections read, and a line for each thing skipped (no state in it, never a key). */
    record Reading(List<ReplicatedConnection> connections, List<String> skipped) {
    }

    private ReplicatedConnections() {
    }

    static Reading read(SortedMap<StateKey, Replica> unit) {
        Map<Long, Map<Integer, byte[]>> connections = new TreeMap<>();
        Map<Long, Map<Integer, byte[]>> calls = new TreeMap<>();
        unit.forEach((key, replica) -> {
            if (PptpStateKeys.isPptp(key)) {
                (PptpStateKeys.isCallSpace(key.space()) ? calls : connections)
                        .computeIfAbsent(key.id(), id -> new HashMap<>()).put(key.space(), replica.state());
            }
        });
        List<ReplicatedConnection> read = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        connections.forEach((id, records) -> connection(id, records, calls, skipped).ifPresent(read::add));
        return new Reading(read, skipped);
    }

    private static Optional<ReplicatedConnection> connection(long id, Map<Integer, byte[]> records,
                                                             Map<Long, Map<Integer, byte[]>> allCalls,
                                                             List<String> skipped) {
        String name = "connection " + Long.toHexString(id);
        Optional<ControlConnectionInitialState> initial = decode(records, CONNECTION_INITIAL, name, skipped,
                b -> PptpStateCodec.decode(b, ControlConnectionInitialState.class));
        Optional<ControlConnectionEssentialState> essential = decode(records, CONNECTION_ESSENTIAL, name, skipped,
                b -> PptpStateCodec.decode(b, ControlConnectionEssentialState.class));
        Optional<TcpConnectionState> tcp = decode(records, TCP_INITIAL, name, skipped,
                TcpConnectionStateCodec::decodeInitial).flatMap(i -> decode(records, TCP_ESSENTIAL, name, skipped,
                        TcpConnectionStateCodec::decodeEssential).map(e -> new TcpConnectionState(i, e)));
        if (initial.isEmpty() || essential.isEmpty() || tcp.isEmpty()) {
            return Optional.empty();
        }
        List<PptpCall> calls = new ArrayList<>();
        List<PptpCallEssentialState> carried = new ArrayList<>();
        Map<Integer, ReplicatedConnection.Session> sessions = new HashMap<>();
        for (PptpCallEssentialState callState : essential.get().calls()) {
            int callId = callState.callId();
            String callName = name + " call " + callId;
            Map<Integer, byte[]> callRecords = allCalls.getOrDefault(PptpStateKeys.call(id, callId), Map.of());
            Optional<PptpCall> call = decode(callRecords, CALL_INITIAL, callName, skipped,
                    b -> PptpStateCodec.decode(b, PptpCall.class));
            if (call.isEmpty()) {
                continue;
            }
            calls.add(call.get());
            carried.add(callState);
            session(callRecords, callName, skipped).ifPresent(s -> sessions.put(callId, s));
        }
        ControlConnectionEssentialState e = essential.get();
        return Optional.of(new ReplicatedConnection(id, initial.get(),
                new ControlConnectionEssentialState(e.state(), e.echoIdentifier(), e.echoOutstanding(), carried),
                tcp.get(), calls, sessions));
    }

    private static Optional<ReplicatedConnection.Session> session(Map<Integer, byte[]> records, String name,
                                                                  List<String> skipped) {
        Optional<GreChannelInitialState> greInitial = decode(records, GRE_INITIAL, name, skipped,
                b -> PptpStateCodec.decode(b, GreChannelInitialState.class));
        Optional<GreChannelEssentialState> greEssential = decode(records, GRE_ESSENTIAL, name, skipped,
                b -> PptpStateCodec.decode(b, GreChannelEssentialState.class));
        Optional<PppLinkInitialState> pppInitial = decode(records, PPP_INITIAL, name, skipped,
                PppLinkStateCodec::decodeInitial);
        Optional<PppLinkEssentialState> pppEssential = decode(records, PPP_ESSENTIAL, name, skipped,
                PppLinkStateCodec::decodeEssential);
        if (greInitial.isEmpty() || greEssential.isEmpty() || pppInitial.isEmpty() || pppEssential.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReplicatedConnection.Session(greInitial.get(), greEssential.get(), pppInitial.get(),
                pppEssential.get()));
    }

    private static <T> Optional<T> decode(Map<Integer, byte[]> records, int space, String name, List<String> skipped,
                                          Function<ByteBuffer, DecodeResult<T, ?>> decoder) {
        byte[] octets = records.get(space);
        if (octets == null) {
            skipped.add(name + ": no record in space 0x" + Integer.toHexString(space));
            return Optional.empty();
        }
        return switch (decoder.apply(ByteBuffer.wrap(octets))) {
            case DecodeResult.Decoded<T, ?> ok -> Optional.of(ok.value());
            case DecodeResult.Malformed<T, ?> bad -> {
                skipped.add(name + ": record in space 0x" + Integer.toHexString(space) + " undecodable: "
                        + bad.error());
                yield Optional.empty();
            }
        };
    }
}
