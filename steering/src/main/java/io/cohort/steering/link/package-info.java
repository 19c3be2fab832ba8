/**
 * Layer 2 of steering, on the master's LAN interface (DESIGN.md, "Steering packets to members";
 * the patent's "Normal IP packet processing"): ARP for the cluster IP ({@link
 * io.cohort.steering.link.ClusterArp}), the capture that classifies every packet for the cluster
 * IP and the forwarding of frames to their work unit's owner ({@link
 * io.cohort.steering.link.FrameForwarder}, {@link io.cohort.steering.link.NeighbourCache}), all
 * wired on one pcap capture by {@link io.cohort.steering.link.SteeringLink}; and every member's
 * interface preparation ({@link io.cohort.steering.link.InterfacePreparation}).
 *
 * <p>Uses pcap4j (libpcap through JNA) for the capture and for sending frames; {@code
 * PcapLibrary} points pcap4j at {@code libpcap.so.0.8} where no {@code libpcap.so} exists
 * (system property {@code org.pcap4j.core.pcapLibName}, which an operator may set instead).
 * Depends on {@code cluster} (work units), {@code telemetry} and {@code time}; decides nothing
 * about ownership: the cluster layer tells it where frames go.
 *
 * <p>Known limits: frames arrive untagged (no VLAN); IPv4 fragments are not classified (counted
 * as {@code steering.drop.fragment}); in mode 1 a LAN interface with GRO may capture merged
 * TCP segments larger than the MTU, which cannot be re-sent (turn GRO off on it); a veth peer
 * delivers partial checksums, so forwarding from a namespace client needs TX checksum offload
 * off on the client's side (real NICs deliver complete checksums).
 */
package io.cohort.steering.link;
