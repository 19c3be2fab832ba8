package io.cohort.testbed.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SerialConsoleTest {

  private static final String BOOT = "SeaBIOS\r\n\u001bc\u001b[?7l\u001b[2JCOHORT-BOOTED kernel=6.1\r\n"
      + "COHORT-RESULT ping=ok\nCOHORT-RESULT pppd_version=pppd version 2.4.9\n"
      + "COHORT-RESULT ping=again\nCOHORT-RESULT exit=0";

  @Test
  void linesLoseTerminalEscapesAndResultsAreParsedLaterWinning() {
    var copy = new ByteArrayOutputStream();
    var console = SerialConsole.attach(new ByteArrayInputStream(BOOT.getBytes(StandardCharsets.UTF_8)), copy);

    assertThat(console.awaitEnd(Duration.ofSeconds(5))).isTrue();
    assertThat(console.awaitLine(Pattern.compile("^COHORT-BOOTED kernel=(\\S+)"), Duration.ZERO).group(1))
        .isEqualTo("6.1");
    assertThat(console.results()).containsExactly(
        Map.entry("ping", "again"),
        Map.entry("pppd_version", "pppd version 2.4.9"),
        Map.entry("exit", "0"));
    assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo(BOOT);
  }

  @Test
  void awaitLineWakesUpWhenTheLineArrives() throws IOException {
    var guestSide = new PipedOutputStream();
    var console = SerialConsole.attach(new PipedInputStream(guestSide), new ByteArrayOutputStream());
    Thread.ofVirtual().start(() -> {
      try (guestSide) {
        guestSide.write("booting\nCOHORT-RESULT later=yes\n".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });

    assertThat(console.awaitLine(Pattern.compile("later=(\\w+)"), Duration.ofSeconds(10)).group(1))
        .isEqualTo("yes");
  }

  @Test
  void awaitLineFailsWithTheConsoleTailWhenTheConsoleEnds() {
    var console = SerialConsole.attach(
        new ByteArrayInputStream("Kernel panic\n".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream());

    assertThatThrownBy(() -> console.awaitLine(Pattern.compile("never"), Duration.ofSeconds(10)))
        .isInstanceOf(GuestException.class)
        .hasMessageContaining("console ended")
        .hasMessageContaining("Kernel panic");
  }
}
