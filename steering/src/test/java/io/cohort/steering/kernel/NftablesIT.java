package io.cohort.steering.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cohort.testbed.Netns;
import io.cohort.testbed.Privileges;
import io.cohort.testbed.TestNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** libnftables through java.lang.foreign, in a namespace of its own. */
class NftablesIT {
    private TestNetwork network;
    private Netns member;
    private Nftables nftables;

    @BeforeEach
    void setUp() {
        Privileges.assumeNetworkAdmin();
        network = TestNetwork.create();
        member = network.namespace("knft");
        nftables = member.runInside(Nftables::open);
    }

    @AfterEach
    void tearDown() {
        if (nftables != null) {
            nftables.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aScriptActsOnTheNamespaceTheContextWasOpenedIn() throws Exception {
        nftables.run("add table inet probe");

        assertThat(member.execOrThrow("nft", "list", "tables")).contains("table inet probe");
        assertThat(nftables.run("list tables")).contains("table inet probe");
    }

    @Test
    void aFailingCommandLeavesTheWholeScriptUndoneAndReportsNftsErrorText() {
        String script = "add table inet probe\nadd chain inet probe c\nadd rule inet probe c tcp dport 1723 frobnicate\n";

        assertThatThrownBy(() -> nftables.run(script)).isInstanceOf(NftablesException.class)
                .hasMessageContaining("syntax error")
                .hasMessageContaining("   3  add rule inet probe c tcp dport 1723 frobnicate");
        assertThat(member.execOrThrow("nft", "list", "tables")).doesNotContain("probe");
    }

    @Test
    void aKernelRefusalAlsoUndoesTheScript() {
        // parses, but the kernel refuses the second command (no such element): the table stays absent
        String script = "add table inet probe\nadd set inet probe s { type inet_service; }\n"
                + "delete element inet probe s { 1723 }\n";

        assertThatThrownBy(() -> nftables.run(script)).isInstanceOf(NftablesException.class)
                .hasMessageContaining("No such file or directory")
                .hasMessageContaining("   3  delete element inet probe s { 1723 }");
        assertThat(member.execOrThrow("nft", "list", "tables")).doesNotContain("probe");
    }

    @Test
    void aClosedContextRefusesWork() {
        nftables.close();
        nftables.close();

        assertThatThrownBy(() -> nftables.run("list tables")).isInstanceOf(IllegalStateException.class);
    }
}
