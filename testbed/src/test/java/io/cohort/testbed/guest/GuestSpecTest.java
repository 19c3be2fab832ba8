package io.cohort.testbed.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuestSpecTest {

  private final GuestSpec spec = GuestSpec.of("ns1", "tap0", "192.0.2.2/24", "echo hi");

  @Test
  void kernelCommandLineCarriesTheConsoleAndTheNetworkForInit() {
    assertThat(spec.withGateway("192.0.2.1").kernelCommandLine())
        .isEqualTo("console=ttyS0 quiet panic=-1 cohort.ip=192.0.2.2/24 cohort.gw=192.0.2.1");
    assertThat(spec.kernelCommandLine()).doesNotContain("cohort.gw");
  }

  @Test
  void qemuRunsInTheNamespaceOnTheTapWithoutAccelerationOrReboot() {
    assertThat(QemuGuest.qemuCommand(spec, Path.of("/k"), Path.of("/i")))
        .startsWith("ip", "netns", "exec", "ns1", "qemu-system-x86_64", "-accel", "tcg")
        .contains("-no-reboot", "-nographic", "tap,id=n0,ifname=tap0,script=no,downscript=no");
  }

  @Test
  void macAddressIsLocallyAdministeredAndDependsOnTheTap() {
    assertThat(spec.macAddress()).matches("52:54(:[0-9a-f]{2}){4}");
    assertThat(GuestSpec.of("ns1", "tap1", "192.0.2.2/24", "x").macAddress()).isNotEqualTo(spec.macAddress());
  }

  @Test
  void scriptsAmongTheFilesBecomeExecutable() {
    var withFiles = spec.withFile("/etc/ppp/ip-up", "#!/bin/sh\nexit 0\n").withFile("/etc/ppp/options", "noauth\n");

    assertThat(withFiles.files()).containsOnlyKeys("/etc/ppp/ip-up", "/etc/ppp/options");
    assertThat(withFiles.archive().toBytes()).isNotEmpty();
  }

  @Test
  void rejectsWhatWouldBreakTheCommandLineOrTheTap() {
    assertThatThrownBy(() -> GuestSpec.of("ns1", "tap0", "192.0.2.2", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuestSpec.of("ns1", "a-very-long-tap-name", "192.0.2.2/24", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.withGateway("192.0.2.1 init=/bin/sh"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.withFile(GuestSpec.SCRIPT_PATH, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
