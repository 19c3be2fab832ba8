package io.cohort.testbed.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpioArchiveTest {

  /** One parsed newc entry. */
  private record Member(String name, int mode, byte[] content) {}

  private static List<Member> parse(byte[] archive) {
    List<Member> members = new ArrayList<>();
    int offset = 0;
    while (true) {
      assertThat(offset % 4).as("entries start 4-aligned").isZero();
      String header = new String(archive, offset, 110, StandardCharsets.US_ASCII);
      assertThat(header).startsWith("070701");
      int mode = field(header, 1);
      int size = field(header, 6);
      int nameSize = field(header, 11);
      String name = new String(archive, offset + 110, nameSize - 1, StandardCharsets.UTF_8);
      assertThat(archive[offset + 110 + nameSize - 1]).isZero();
      int data = align(offset + 110 + nameSize);
      if (name.equals("TRAILER!!!")) {
        assertThat(align(data)).isEqualTo(archive.length);
        return members;
      }
      byte[] content = new byte[size];
      System.arraycopy(archive, data, content, 0, size);
      members.add(new Member(name, mode, content));
      offset = align(data + size);
    }
  }

  private static int field(String header, int index) {
    return Integer.parseUnsignedInt(header.substring(6 + 8 * index, 14 + 8 * index), 16);
  }

  private static int align(int offset) {
    return (offset + 3) & ~3;
  }

  @Test
  void writesParentDirectoriesThenFilesWithTheirModesAndATrailer() {
    byte[] archive = new CpioArchive()
        .addFile("/etc/xl2tpd/xl2tpd.conf", "[global]\n".getBytes(StandardCharsets.UTF_8), 0644)
        .addFile("/cohort/run.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8), 0755)
        .toBytes();

    List<Member> members = parse(archive);

    assertThat(members).extracting(Member::name)
        .containsExactly("etc", "etc/xl2tpd", "etc/xl2tpd/xl2tpd.conf", "cohort", "cohort/run.sh");
    assertThat(members.get(0).mode()).isEqualTo(0040755);
    assertThat(members.get(2).mode()).isEqualTo(0100644);
    assertThat(members.get(4).mode()).isEqualTo(0100755);
    assertThat(new String(members.get(2).content(), StandardCharsets.UTF_8)).isEqualTo("[global]\n");
  }

  @Test
  void aLaterFileOfTheSameNameReplacesTheEarlierOne() {
    byte[] archive = new CpioArchive()
        .addFile("/etc/ppp/options", new byte[] {1}, 0644)
        .addFile("/etc/ppp/options", new byte[] {2, 3}, 0600)
        .toBytes();

    assertThat(parse(archive)).filteredOn(member -> member.name().equals("etc/ppp/options"))
        .singleElement()
        .satisfies(member -> assertThat(member.content()).containsExactly(2, 3));
  }

  @Test
  void refusesPathsThatAreNotPlainAbsolutePaths() {
    var archive = new CpioArchive();
    for (String path : List.of("etc/passwd", "/etc/", "/etc/../init", "//etc", "/etc/./x")) {
      assertThatThrownBy(() -> archive.addFile(path, new byte[0], 0644))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
