package io.cohort.testbed.guest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a cpio archive in the "newc" format the Linux kernel unpacks as an initramfs
 * (Documentation/driver-api/early-userspace/buffer-format.rst). The kernel unpacks concatenated
 * archives in order, so a small per-test archive appended to the cached image adds or replaces
 * files in the guest's root file system. Parent directories are added automatically.
 */
public final class CpioArchive {

  private static final String MAGIC = "070701";
  private static final int DIRECTORY = 0040000;
  private static final int REGULAR_FILE = 0100000;

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** Adds a regular file; {@code path} is absolute in the guest, {@code permissions} e.g. 0644. */
  public CpioArchive addFile(String path, byte[] content, int permissions) {
    String name = relative(path);
    addParents(name);
    entries.put(name, new Entry(REGULAR_FILE | (permissions & 07777), content.clone()));
    return this;
  }

  /** The archive's bytes, ending with the trailer and padded to a multiple of four bytes. */
  public byte[] toBytes() {
    var out = new ByteArrayOutputStream();
    int inode = 0x7c000000; // far from the inode numbers of the base image
    for (var entry : entries.entrySet()) {
      int links = (entry.getValue().mode() & DIRECTORY) == DIRECTORY ? 2 : 1;
      write(out, entry.getKey(), ++inode, entry.getValue().mode(), links, entry.getValue().content());
    }
    write(out, "TRAILER!!!", 0, 0, 1, new byte[0]);
    return out.toByteArray();
  }

  private void addParents(String name) {
    int slash = name.indexOf('/');
    while (slash > 0) {
      entries.putIfAbsent(name.substring(0, slash), new Entry(DIRECTORY | 0755, new byte[0]));
      slash = name.indexOf('/', slash + 1);
    }
  }

  private static String relative(String path) {
    if (!path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.contains("/../")
        || path.endsWith("/..") || path.contains("/./")) {
      throw new IllegalArgumentException("not a normal absolute file path: " + path);
    }
    return path.substring(1);
  }

  private static void write(ByteArrayOutputStream out, String name, int inode, int mode, int links,
      byte[] content) {
    byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
    int[] fields = {inode, mode, 0, 0, links, 0, content.length, 0, 0, 0, 0, nameBytes.length, 0};
    var header = new StringBuilder(MAGIC);
    for (int field : fields) {
      header.append("%08x".formatted(field));
    }
    out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(nameBytes);
    pad(out);
    out.writeBytes(content);
    pad(out);
  }

  private static void pad(ByteArrayOutputStream out) {
    while (out.size() % 4 != 0) {
      out.write(0);
    }
  }

  private record Entry(int mode, byte[] content) {}
}
