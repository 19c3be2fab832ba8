package io.cohort.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusJsonTest {
    @Test
    void rendersEveryPartAsOneObject() {
        assertThat(StatusJson.render(StatusFixtures.snapshot())).isEqualTo("{"
                + "\"server\":{\"hostname\":\"gw1\",\"version\":\"1.2.3\",\"startedAt\":\"2026-11-24T08:00:00Z\","
                + "\"now\":\"2026-11-24T09:02:03Z\"},"
                + "\"tunnels\":[{\"protocol\":\"l2tp\",\"id\":4711,\"peerId\":12,\"peerAddress\":\"192.0.2.7\","
                + "\"peerPort\":1701,\"state\":\"established\",\"sessions\":2,\"upSince\":\"2026-11-24T08:00:00Z\","
                + "\"bytesIn\":300,\"packetsIn\":1,\"bytesOut\":0,\"packetsOut\":0}],"
                + "\"sessions\":[{\"protocol\":\"l2tp\",\"tunnelId\":4711,\"id\":1,\"peerId\":21,"
                + "\"user\":\"alice\\u001b[31m\",\"address\":\"10.99.0.2\",\"state\":\"up\","
                + "\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":1000,\"packetsIn\":1,\"bytesOut\":2000,\"packetsOut\":1},"
                + "{\"protocol\":\"l2tp\",\"tunnelId\":4711,\"id\":2,\"peerId\":22,\"user\":null,\"address\":null,"
                + "\"state\":\"establishing\",\"upSince\":\"2026-11-24T08:00:00Z\",\"bytesIn\":0,\"packetsIn\":0,"
                + "\"bytesOut\":0,\"packetsOut\":0}],"
                + "\"users\":[{\"user\":\"alice\\u001b[31m\",\"sessions\":1,\"addresses\":[\"10.99.0.2\"]}],"
                + "\"pool\":{\"cidr\":\"10.99.0.0/24\",\"gateway\":\"10.99.0.1\",\"size\":253,\"used\":1,"
                + "\"allocations\":[{\"address\":\"10.99.0.2\",\"user\":\"alice\\u001b[31m\"}]},"
                + "\"counters\":{\"control.requests\":1,\"l2tp.rx.packets\":42}"
                + "}\n");
    }
}
