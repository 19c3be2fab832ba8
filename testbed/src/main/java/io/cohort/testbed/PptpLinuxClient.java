package io.cohort.testbed;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stock pptp-linux ({@code /usr/sbin/pptp SERVER --nolaunchpppd}) in a client namespace, run the
 * way pppd's {@code pty} option runs it: on a raw pseudo-terminal ({@code pty-peer.py}), whose
 * other side the test holds instead of pppd. HDLC-framed PPP written with {@link #sendPpp} goes
 * out over GRE; PPP frames pptp-linux receives over GRE are collected ({@link #pppReceived}).
 * Its own messages go to syslog only: a private mount namespace gives it a {@code /dev/log} that
 * is a {@link SyslogSink} of the test. {@link #close()} kills it (and its call manager).
 */
public final class PptpLinuxClient implements AutoCloseable {
    /** A private /dev with a pty instance, null, urandom and the test's syslog socket, then the peer. */
    private static final String LAUNCH = "mount -t tmpfs -o mode=755 none /dev && mkdir /dev/pts"
            + " && mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts && ln -s pts/ptmx /dev/ptmx"
            + " && mknod -m 666 /dev/null c 1 3 && mknod -m 444 /dev/urandom c 1 9 && ln -s %s /dev/log"
            + " && exec /usr/bin/python3 %s %s %s /usr/sbin/pptp %s --nolaunchpppd --nohostroute --loglevel 2";

    private final SyslogSink syslog;
    private final Path toPty;
    private final Path fromPty;
    private final PeerProcess process;

    private PptpLinuxClient(SyslogSink syslog, Path toPty, Path fromPty, PeerProcess process) {
        this.syslog = syslog;
        this.toPty = toPty;
        this.fromPty = fromPty;
        this.process = process;
    }

    public static PptpLinuxClient start(Netns ns, Path dir, String server) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("pty-peer.py");
        try (InputStream in = PptpLinuxClient.class.getResourceAsStream("pty-peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path toPty = dir.resolve("ppp-in");
        Path fromPty = dir.resolve("ppp-out");
        Command.run("mkfifo", toPty.toString()).orThrow();
        SyslogSink syslog = SyslogSink.bind(dir.resolve("log.sock"));
        try {
            PeerProcess process = ns.startProcess(dir.resolve("pptp.log"), "unshare", "-m", "--propagation",
                    "private", "sh", "-c", LAUNCH.formatted(syslog.path(), script, toPty, fromPty, server));
            return new PptpLinuxClient(syslog, toPty, fromPty, process);
        } catch (RuntimeException e) {
            syslog.close();
            throw e;
        }
    }

    public SyslogSink syslog() {
        return syslog;
    }

    public PeerProcess process() {
        return process;
    }

    /** Sends one PPP frame (address, control, protocol, information) as pppd would: HDLC-framed (RFC 1662). */
    public void sendPpp(byte[] frame) throws IOException {
        try (OutputStream out = new FileOutputStream(toPty.toFile())) {
            out.write(hdlc(frame));
        }
    }

    /** Everything pptp-linux wrote to its terminal so far: the HDLC-framed PPP it got over GRE. */
    public byte[] pppReceived() throws IOException {
        return Files.exists(fromPty) ? Files.readAllBytes(fromPty) : new byte[0];
    }

    /** Its syslog messages and its terminal-side log, for failure messages. */
    public String describe() {
        return "syslog:\n" + String.join("\n", syslog.messages()) + "\nprocess log:\n" + process.log();
    }

    @Override
    public void close() throws IOException {
        try {
            process.close();
        } finally {
            syslog.close();
        }
    }

    /** RFC 1662: flag, the frame and its FCS-16 (low octet first) with 0x7E, 0x7D and controls escaped, flag. */
    static byte[] hdlc(byte[] frame) {
        int fcs = 0xFFFF;
        for (byte b : frame) {
            fcs ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                fcs = (fcs & 1) != 0 ? (fcs >>> 1) ^ 0x8408 : fcs >>> 1;
            }
        }
        fcs ^= 0xFFFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x7E);
        byte[] withFcs = java.util.Arrays.copyOf(frame, frame.length + 2);
        withFcs[frame.length] = (byte) fcs;
        withFcs[frame.length + 1] = (byte) (fcs >>> 8);
        for (byte b : withFcs) {
            int v = b & 0xFF;
            if (v == 0x7E || v == 0x7D || v < 0x20) {
                out.write(0x7D);
                out.write(v ^ 0x20);
            } else {
                out.write(v);
            }
        }
        out.write(0x7E);
        return out.toByteArray();
    }
}
