package io.cohort.server.registry;

/** Bytes and packets received from and sent to the peer, at one moment. */
public record Traffic(long bytesIn, long packetsIn, long bytesOut, long packetsOut) {
    public static final Traffic ZERO = new Traffic(0, 0, 0, 0);

    public Traffic plus(Traffic other) {
        return new Traffic(bytesIn + other.bytesIn, packetsIn + other.packetsIn,
                bytesOut + other.bytesOut, packetsOut + other.packetsOut);
    }
}
