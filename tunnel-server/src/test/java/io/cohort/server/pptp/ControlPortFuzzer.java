package io.cohort.server.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import io.cohort.pptp.wire.ControlStreamFramer;
import io.cohort.testbed.Netns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Drives {@link ControlFuzzScripts} against the server's control port (TCP 1723) from a
 * namespace, one connection per script, one after the other. A script ending in FIN is read until
 * the server closes (it must close, and what it sent must frame as well-formed messages); one
 * ending in a reset is dropped at once. Every tenth connection is opened and dropped without a
 * script.
 */
final class ControlPortFuzzer {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Netns ns;
    private final String server;
    private final Random random;
    private final Set<Integer> takenPeerCallIds;

    /** {@code takenPeerCallIds}: see {@link ControlFuzzScripts#ControlFuzzScripts}. */
    ControlPortFuzzer(Netns ns, String server, Random random, Set<Integer> takenPeerCallIds) {
        this.ns = ns;
        this.server = server;
        this.random = random;
        this.takenPeerCallIds = takenPeerCallIds;
    }

    /** {@code connections} scripts; how many of each kind ran. */
    Map<ControlFuzzScripts.Kind, Integer> run(int connections) {
        return ns.runInside(() -> {
            ControlFuzzScripts scripts = new ControlFuzzScripts(random, takenPeerCallIds);
            Map<ControlFuzzScripts.Kind, Integer> kinds = new EnumMap<>(ControlFuzzScripts.Kind.class);
            for (int i = 0; i < connections; i++) {
                if (i % 10 == 9) {
                    openAndDrop();
                }
                ControlFuzzScripts.Script s = scripts.next();
                kinds.merge(s.kind(), 1, Integer::sum);
                run(s);
            }
            return kinds;
        });
    }

    /**
     * {@code halfMessages} peers that send part of a message and {@code silent} established peers
     * that never answer an Echo-Request, all at once: the set-up timer and the echo timer (3.1.4)
     * must close every one within {@code cutOffWithin}.
     */
    void stall(int halfMessages, int silent, Duration cutOffWithin) throws IOException {
        ControlFuzzScripts scripts = new ControlFuzzScripts(random, takenPeerCallIds);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < halfMessages + silent; i++) {
                Socket s = ns.runInside(this::connect);
                stalled.add(s);
                s.getOutputStream().write(i < halfMessages ? scripts.halfMessage()
                        : ControlFuzzScripts.bytes(ControlFuzzScripts.sccrq()));
            }
            long deadline = System.nanoTime() + cutOffWithin.toNanos();
            for (Socket s : stalled) {
                Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                readUntilClosed(s, left, "a stalled peer");
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private void run(ControlFuzzScripts.Script s) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                for (byte[] chunk : s.chunks()) {
                    out.write(chunk);
                }
            } catch (IOException closedByServer) {
                // Expected: the server closes at the first malformed message, possibly before we finish.
                return;
            }
            if (s.ending() == ControlFuzzScripts.Ending.RESET) {
                socket.setSoLinger(true, 0);
                return;
            }
            socket.shutdownOutput();
            byte[] received = readUntilClosed(socket, CLOSE_WAIT, s.kind() + " " + hex(s));
            assertThat(new ControlStreamFramer().feed(ByteBuffer.wrap(received)).failure())
                    .as("what the server sent after %s %s", s.kind(), hex(s)).isEmpty();
        }
    }

    /** Connect, then at once a reset, a close, or a few octets and a reset. */
    private void openAndDrop() throws IOException {
        try (Socket socket = connect()) {
            switch (random.nextInt(3)) {
                case 0 -> socket.setSoLinger(true, 0);
                case 1 -> { }
                default -> {
                    socket.getOutputStream().write(ControlFuzzScripts.bytes(ControlFuzzScripts.sccrq()), 0,
                            1 + random.nextInt(155));
                    socket.setSoLinger(true, 0);
                }
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(server, 1723), 5000);
        return s;
    }

    /** Everything the server sends until it closes; fails if it keeps the connection open for {@code timeout}. */
    private static byte[] readUntilClosed(Socket s, Duration timeout, String after) throws IOException {
        s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open for " + timeout + " after " + after, e);
        } catch (IOException reset) {
            // A reset is a close too (the server closes with replies or our data unread).
        }
        return all.toByteArray();
    }

    private static String hex(ControlFuzzScripts.Script s) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        s.chunks().forEach(all::writeBytes);
        return HexFormat.of().formatHex(all.toByteArray());
    }
}
