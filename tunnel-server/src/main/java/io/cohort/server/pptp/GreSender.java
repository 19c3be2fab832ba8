package io.cohort.server.pptp;

import java.net.Inet4Address;
import java.nio.ByteBuffer;

/** Sends one GRE packet (position to limit) to a peer; drops are the sender's to count. */
@FunctionalInterface
interface GreSender {
    void send(Inet4Address peer, ByteBuffer grePacket);
}
