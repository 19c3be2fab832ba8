package io.cohort.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetnsNameTest {
    @Test
    void textCarriesPidSequenceAndLabel() {
        assertThat(new NetnsName(4711, 3, "srv").text()).isEqualTo("ct4711-3srv");
    }

    @Test
    void parseRoundTrips() {
        NetnsName name = new NetnsName(123456, 42, "lac2");
        assertThat(NetnsName.parse(name.text())).contains(name);
    }

    @Test
    void foreignNamesAreNotOurs() {
        assertThat(NetnsName.parse("blue")).isEmpty();
        assertThat(NetnsName.parse("ct")).isEmpty();
        assertThat(NetnsName.parse("ctx-1")).isEmpty();
        assertThat(NetnsName.parse("ct12-1Upper")).isEmpty();
    }

    @Test
    void labelsAreShortAndPlain() {
        assertThatThrownBy(() -> new NetnsName(1, 1, "has space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NetnsName(1, 1, "ninechars")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownProcessIsAliveAndAnUnusedPidIsNot() {
        assertThat(new NetnsName(ProcessHandle.current().pid(), 1, "").creatorAlive()).isTrue();
        assertThat(new NetnsName(Integer.MAX_VALUE, 1, "").creatorAlive()).isFalse();
    }
}
