package io.cohort.systemtests;

import io.cohort.testbed.Netns;
import io.cohort.testbed.TestNetwork;
import io.cohort.testbed.guest.GuestSpec;

/**
 * Where the QEMU guest of the stock-pppd tests sits: on a tap in the client namespace, which
 * routes between it and the server namespace ({@link StockXl2tpdIT#pair}).
 *
 * <pre>
 *  guest 192.0.2.2 --tap-- [cli 192.0.2.1, 10.1.0.2] --veth(eth0)-- [srv 10.1.0.1, cohort0 10.99.0.1]
 * </pre>
 */
record GuestNetwork(Netns server, Netns client) {
    static final String GUEST = "192.0.2.2";
    static final String POOL = "10.99.0.0/24";
    static final String GATEWAY = "10.99.0.1";
    static final String ALICE_PASSWORD = "alice-in-the-tunnel";
    static final String BOB_PASSWORD = "bobs-real-password";

    static GuestNetwork create(TestNetwork net) {
        Netns[] ns = StockXl2tpdIT.pair(net);
        ns[1].enableForwarding();
        ns[0].addRoute("192.0.2.0/24", StockXl2tpdIT.CLIENT);
        return new GuestNetwork(ns[0], ns[1]);
    }

    /**
     * A guest on {@code tap0} in the client namespace running {@code script}, with the shell
     * functions of {@code guest/ppp-case.sh} at {@code /cohort/ppp-case.sh}.
     */
    GuestSpec guest(String script) {
        return GuestSpec.of(client.name(), "tap0", GUEST + "/24", script)
                .withHostAddress("192.0.2.1/24")
                .withGateway("192.0.2.1")
                .withFile("/cohort/ppp-case.sh", Tools.template("guest/ppp-case.sh", "GATEWAY", GATEWAY));
    }

    /** The server's users file: alice and bob with their passwords in clear (CHAP-MD5 needs that). */
    static String users() {
        return Tools.template("users", "ALICE_PASSWORD", ALICE_PASSWORD, "BOB_PASSWORD", BOB_PASSWORD);
    }

    /** A guest-side secrets file: alice's password right, bob's wrong. */
    static String guestSecrets(String name) {
        return Tools.template(name, "ALICE_PASSWORD", ALICE_PASSWORD, "BOB_WRONG_PASSWORD", "not-" + BOB_PASSWORD);
    }
}
