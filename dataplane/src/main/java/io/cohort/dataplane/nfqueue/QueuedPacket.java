package io.cohort.dataplane.nfqueue;

/**
 * What the kernel says of one packet it queued ({@code struct nfqnl_msg_packet_hdr}): the id a
 * verdict names, the link-layer protocol (0x0800 for IPv4) and the netfilter hook it was queued
 * from (3 = NF_INET_LOCAL_OUT).
 *
 * @param queue the queue number (nfgenmsg's res_id)
 * @param packetId the packet's id, unsigned 32 bits
 * @param hardwareProtocol the EtherType, unsigned 16 bits
 * @param hook the netfilter hook
 */
public record QueuedPacket(int queue, long packetId, int hardwareProtocol, int hook) {
}
