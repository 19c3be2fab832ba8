package io.cohort.systemtests;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import java.nio.file.Path;

/**
 * Stock xl2tpd as the LAC and the packaged server as the LNS, each in its own namespace on the
 * veth pair of {@link StockXl2tpdIT#pair} ({@value StockXl2tpdIT#SERVER} and
 * {@value StockXl2tpdIT#CLIENT}), started the way the xl2tpd system tests start them. Closing it
 * removes the namespaces and kills every process still in them.
 */
final class LacAndLns implements AutoCloseable {
    private final TestNetwork net;
    private final Netns server;
    private final Netns client;

    private LacAndLns(TestNetwork net, Netns[] pair) {
        this.net = net;
        this.server = pair[0];
        this.client = pair[1];
    }

    /** Skips the test without root, xl2tpd or the server jar. */
    static void assumeRunnable() {
        Privileges.assumeNetworkAdmin();
        Tools.assumeInstalled("xl2tpd", "xl2tpd");
        Tools.assumeServerJar();
    }

    /** The two namespaces; nothing runs in them yet. */
    static LacAndLns create() {
        TestNetwork net = TestNetwork.create();
        try {
            return new LacAndLns(net, StockXl2tpdIT.pair(net));
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    /** The server's namespace, for a capture on its side. */
    Netns serverNamespace() {
        return server;
    }

    /** Starts the packaged server in its namespace with {@code ini} ({@link StockXl2tpdIT#serverIni}), its files in {@code dir}. */
    CohortProcess startServer(Path dir, String ini) {
        return CohortProcess.start(server, dir, ini, "");
    }

    /**
     * Starts xl2tpd in the client namespace towards the server, its files in {@code dir}; it
     * places its call once the tunnel is up ({@link Xl2tpdLac#start} for the other arguments).
     */
    Xl2tpdLac startLac(Path dir, String secret, boolean challenge, boolean hidden) {
        return Xl2tpdLac.start(client, dir, StockXl2tpdIT.SERVER, secret, challenge, hidden);
    }

    @Override
    public void close() {
        net.close();
    }
}
