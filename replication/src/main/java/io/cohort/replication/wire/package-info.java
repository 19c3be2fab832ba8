/**
 * The replication stream's wire layer and nothing else: the frames ({@link
 * io.cohort.replication.wire.ReplicationFrame}), their kind octet ({@link
 * io.cohort.replication.wire.FrameKind}), the decode faults and the codec. Frames travel inside
 * TLS 1.3 (RFC 8446), which gives them order, integrity and secrecy; the format itself only
 * delimits and types them.
 */
package io.cohort.replication.wire;
