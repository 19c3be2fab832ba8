package io.cohort.l2tp.wire;

/** A decoded L2TP datagram: a control packet (message or ZLB ack) or a data packet. */
public sealed interface L2tpPacket permits ControlPacket, DataPacket {
    L2tpHeader header();
}
