package io.cohort.client;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One tunnelled PPP link whose IPCP is up: an L2TP session ({@link L2tpClient}) or a PPTP call
 * ({@code pptp.PptpClient}). Methods may be called from any thread.
 */
public interface ClientSession extends AutoCloseable {
    /** Our address, assigned by IPCP. */
    Inet4Address address();

    /** The server's PPP address. */
    Inet4Address gateway();

    String user();

    /** The PPP authentication method used: "PAP", "CHAP-MD5", "MS-CHAPv2" or "none". */
    String authMethod();

    /**
     * Sends {@code count} ICMP echo requests to {@code target} through the tunnel, one after the
     * other, each waiting at most {@code timeout} for its reply (matched by identifier and sequence).
     */
    PingResult ping(Inet4Address target, int count, Duration timeout);

    /** Sends one raw IPv4 packet (position to limit, copied) into the tunnel. */
    void sendIpv4(ByteBuffer packet);

    /**
     * Receives every IPv4 packet from the tunnel, on the client's engine thread: the buffer is only
     * valid during the call and the receiver must not block.
     */
    void onIpv4(Consumer<ByteBuffer> receiver);

    long bytesIn();

    long bytesOut();

    long packetsIn();

    long packetsOut();

    /**
     * Completes with the reason once the session is over, whoever ended it: {@link #close}, the
     * server (a CDN, a StopCCN, a Call-Disconnect-Notify, e.g. because the server has no state of
     * the tunnel any more), or PPP.
     */
    CompletionStage<String> ended();

    /** PPP Terminate, then the tunnel's hang-up (L2TP CDN, PPTP Call-Clear-Request); returns once done or after a short grace period. */
    @Override
    void close();
}
