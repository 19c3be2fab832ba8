package io.cohort.testbed.guest;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The UDP payload of the first packet in a pcap file (as {@code tcpdump -w -} writes it), over
 * Ethernet or Linux "cooked" captures ({@code -i any}, SLL and SLL2), IPv4 only.
 */
record CapturedDatagram(byte[] payload) {

  private static final int ETHERNET = 1;
  private static final int LINUX_SLL = 113;
  private static final int LINUX_SLL2 = 276;

  static CapturedDatagram firstIn(byte[] pcap) {
    var buffer = ByteBuffer.wrap(pcap);
    int magic = buffer.getInt(0);
    buffer.order(switch (magic) {
      case 0xa1b2c3d4, 0xa1b23c4d -> ByteOrder.BIG_ENDIAN;
      case 0xd4c3b2a1, 0x4d3cb2a1 -> ByteOrder.LITTLE_ENDIAN;
      default -> throw new IllegalArgumentException("not a pcap file: magic %08x".formatted(magic));
    });
    if (pcap.length < 24 + 16) {
      throw new IllegalArgumentException("the capture holds no packet (" + pcap.length + " bytes)");
    }
    int linkType = buffer.getInt(20);
    int capturedLength = buffer.getInt(24 + 8);
    int packet = 24 + 16;
    int ip = packet + switch (linkType) {
      case ETHERNET -> 14;
      case LINUX_SLL -> 16;
      case LINUX_SLL2 -> 20;
      default -> throw new IllegalArgumentException("unexpected link type " + linkType);
    };
    if ((pcap[ip] & 0xf0) != 0x40 || pcap[ip + 9] != 17) {
      throw new IllegalArgumentException("the first packet is not IPv4/UDP");
    }
    int udp = ip + (pcap[ip] & 0x0f) * 4;
    int udpLength = buffer.order(ByteOrder.BIG_ENDIAN).getShort(udp + 4) & 0xffff;
    int end = Math.min(udp + udpLength, packet + capturedLength);
    return new CapturedDatagram(Arrays.copyOfRange(pcap, udp + 8, end));
  }

  /** The unsigned 16-bit value at {@code offset}, network byte order. */
  int u16(int offset) {
    return ((payload[offset] & 0xff) << 8) | (payload[offset + 1] & 0xff);
  }
}
