package io.cohort.client;

import io.cohort.ppp.lcp.AuthMethod;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Lets tests in other packages start the package-private {@link TestLns}. */
public final class TestLnsAccess {
    public static final String USER = TestLns.USER;
    public static final String PASSWORD = TestLns.PASSWORD;

    private TestLnsAccess() { }

    public static AutoCloseable startMsChapV2() throws IOException {
        return TestLns.start(AuthMethod.MSCHAP_V2);
    }

    public static InetSocketAddress address(AutoCloseable lns) {
        return ((TestLns) lns).address();
    }
}
