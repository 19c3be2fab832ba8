package io.cohort.server.pptp;

import io.cohort.pptp.wire.ControlMessage;
import io.cohort.pptp.wire.ControlStreamFramer;
import io.cohort.pptp.wire.EchoResult;
import io.cohort.pptp.wire.GeneralError;
import io.cohort.pptp.wire.PptpCodec;
import io.cohort.testbed.Netns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A PNS (RFC 2637's client side) made by hand on a TCP socket in a namespace: the test sends the
 * messages it chooses; a reader thread decodes what the server sends, answers its Echo-Requests
 * (3.1.4, so that the control connection outlives the echo timer) and queues the rest. Unlike
 * {@code PptpClient} it runs no PPP, so a call it places is all the test's to damage.
 */
final class HandMadePns implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<ControlMessage> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile String ended;

    private HandMadePns(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = Thread.ofVirtual().name("hand-made-pns").start(this::read);
    }

    /** Connects from {@code ns} to the server's control port. */
    static HandMadePns connect(Netns ns) throws IOException {
        Socket s = ns.runInside(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(PptpServerFixture.SERVER, 1723), 5000);
            return socket;
        });
        s.setTcpNoDelay(true);
        return new HandMadePns(s);
    }

    synchronized void send(ControlMessage message) throws IOException {
        ByteBuffer b = PptpCodec.encode(message);
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        out.flush();
    }

    /** The next message of {@code type} from the server (others before it are skipped); fails after {@code timeout}. */
    <T extends ControlMessage> T await(Class<T> type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ControlMessage m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + type.getSimpleName() + " from the server within " + timeout
                        + (ended == null ? "" : "; connection ended: " + ended));
            }
            if (type.isInstance(m)) {
                return type.cast(m);
            }
        }
    }

    /** Why the connection ended (the server closed it, or a malformed message from it), if it did. */
    Optional<String> ended() {
        return Optional.ofNullable(ended);
    }

    private void read() {
        ControlStreamFramer framer = new ControlStreamFramer();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                ControlStreamFramer.Framed framed = framer.feed(ByteBuffer.wrap(buffer, 0, n));
                for (ControlMessage m : framed.messages()) {
                    if (m instanceof ControlMessage.EchoRequest echo) {
                        send(new ControlMessage.EchoReply(echo.identifier(), EchoResult.OK.code(),
                                GeneralError.NONE.code()));
                    } else {
                        received.add(m);
                    }
                }
                if (framed.failure().isPresent()) {
                    ended = "the server sent a malformed message: " + framed.failure().get();
                    return;
                }
            }
            ended = "closed by the server";
        } catch (IOException e) {
            ended = e.toString();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
