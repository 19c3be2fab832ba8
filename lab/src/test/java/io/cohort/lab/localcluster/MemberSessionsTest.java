package io.cohort.lab.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemberSessionsTest {
    /** What StatusJson.render writes (its test's expectation, shortened after the sessions). */
    private static final String JSON = "{\"server\":{\"hostname\":\"gw1\",\"version\":\"1.2.3\"},"
            + "\"tunnels\":[{\"protocol\":\"l2tp\",\"id\":4711,\"peerId\":12,\"peerAddress\":\"192.0.2.7\","
            + "\"peerPort\":1701,\"state\":\"established\",\"sessions\":2,\"upSince\":\"2026-11-24T08:00:00Z\","
            + "\"bytesIn\":300,\"packetsIn\":1,\"bytesOut\":0,\"packetsOut\":0}],"
            + "\"sessions\":[{\"protocol\":\"l2tp\",\"tunnelId\":4711,\"id\":1,\"peerId\":21,"
            + "\"user\":\"alice\\u001b[31m\",\"address\":\"10.99.0.2\",\"state\":\"up\","
            + "\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":1000,\"packetsIn\":1,\"bytesOut\":2000,\"packetsOut\":1},"
            + "{\"protocol\":\"pptp\",\"tunnelId\":4711,\"id\":2,\"peerId\":22,\"user\":null,\"address\":null,"
            + "\"state\":\"establishing\",\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":0,\"packetsIn\":0,"
            + "\"bytesOut\":0,\"packetsOut\":0}],"
            + "\"users\":[{\"user\":\"alice\\u001b[31m\",\"sessions\":1,\"addresses\":[\"10.99.0.2\"]}]}";

    @Test
    void readsEverySessionOfTheStatusAndCountsThoseUp() {
        MemberSessions s = MemberSessions.parse(JSON);
        assertThat(s.sessions()).containsExactly(new MemberSessions.Session("l2tp", "up", "10.99.0.2", 1, 1),
                new MemberSessions.Session("pptp", "establishing", "", 0, 0));
        assertThat(s.up("l2tp")).isEqualTo(1);
        assertThat(s.up("pptp")).isZero();
    }

    @Test
    void noSessionsIsAnEmptyList() {
        assertThat(MemberSessions.parse("{\"tunnels\":[],\"sessions\":[],\"users\":[]}").sessions()).isEmpty();
    }
}
