package io.cohort.dataplane.nfqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes written field by field from linux/netfilter/nfnetlink.h (batch begin and end),
 * linux/netfilter/nf_tables.h (NFT_MSG_NEWRULE, its nested expression list, the compat target's
 * attributes) and linux/netfilter/xt_NFQUEUE.h (struct xt_NFQ_info_v3), on a little-endian host.
 * NfqueueAcceptorIT has the kernel load the same message.
 */
class NfqueueTargetRuleTest {
    @Test
    void batchAppendsOneRuleWhoseOnlyExpressionIsTheNfqueueTarget() {
        assertThat(ByteOrder.nativeOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);

        String hex = HexFormat.of().formatHex(NfqueueTargetRule.batch("guard", "fin_guard", 1723, 1));

        assertThat(hex).isEqualTo(
                "14000000" + "1000" + "0100" + "01000000" + "00000000" + "0000000a"   // BATCH_BEGIN, res_id nf_tables
                        + "68000000" + "060a" + "050c" + "02000000" + "00000000"    // NEWRULE: REQUEST|ACK|CREATE|APPEND
                        + "02000000"                                                // nfgenmsg: NFPROTO_IPV4
                        + "0a00" + "0100" + "677561726400" + "0000"                 // NFTA_RULE_TABLE "guard"
                        + "0e00" + "0200" + "66696e5f677561726400" + "0000"         // NFTA_RULE_CHAIN "fin_guard"
                        + "3800" + "0480"                                           // NFTA_RULE_EXPRESSIONS, nested
                        + "3400" + "0180"                                           // NFTA_LIST_ELEM, nested
                        + "0b00" + "0100" + "74617267657400" + "00"                 // NFTA_EXPR_NAME "target"
                        + "2400" + "0280"                                           // NFTA_EXPR_DATA, nested
                        + "0c00" + "0100" + "4e46515545554500"                      // NFTA_TARGET_NAME "NFQUEUE"
                        + "0800" + "0200" + "00000003"                              // NFTA_TARGET_REV 3
                        + "0c00" + "0300" + "bb06" + "0100" + "0000" + "0000"       // queue 1723, 1 queue, no bypass
                        + "14000000" + "1100" + "0100" + "03000000" + "00000000" + "0000000a"); // BATCH_END
    }

    @Test
    void namesAndQueueNumbersAreChecked() {
        assertThatThrownBy(() -> NfqueueTargetRule.batch("guard; flush", "fin_guard", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NfqueueTargetRule.batch("guard", "", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NfqueueTargetRule.batch("guard", "fin_guard", 70000, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
