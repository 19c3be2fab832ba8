package io.cohort.testbed.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guest's serial console, read line by line from QEMU's standard output on a thread of its
 * own. Waiting for a line blocks on a condition signalled by that thread (no polling). Terminal
 * escape sequences (SeaBIOS clears the screen) and carriage returns are removed from each line.
 *
 * <p>Lines of the form {@code COHORT-RESULT name=value} are the guest's results; the guest's /init
 * adds {@code COHORT-RESULT exit=STATUS} with the exit status of the test script.
 */
public final class SerialConsole {

  private static final Pattern ESCAPE = Pattern.compile("\u001b(\\[[0-9;?]*[A-Za-z]|[c()][0-9A-Za-z]?)");
  private static final Pattern RESULT = Pattern.compile("COHORT-RESULT ([A-Za-z0-9_.-]+)=(.*)$");

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private SerialConsole() {}

  /**
   * Starts reading {@code console} until its end, copying the raw bytes to {@code copy} (e.g. a
   * log file kept for debugging).
   */
  public static SerialConsole attach(InputStream console, OutputStream copy) {
    var serial = new SerialConsole();
    Thread.ofPlatform().daemon().name("qemu-console").start(() -> serial.read(console, copy));
    return serial;
  }

  /** Waits until a line that {@code pattern} finds something in has been printed; returns the match. */
  public Matcher awaitLine(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      int next = 0;
      while (true) {
        for (; next < lines.size(); next++) {
          Matcher matcher = pattern.matcher(lines.get(next));
          if (matcher.find()) {
            return matcher;
          }
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new GuestException((ended ? "the console ended" : "no line within " + timeout)
              + " matching /" + pattern + "/; console:\n" + tail(40));
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuestException("interrupted while waiting for /" + pattern + "/", e);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the console has ended (QEMU exited); false if it is still open after {@code timeout}. */
  public boolean awaitEnd(Duration timeout) {
    lock.lock();
    try {
      long left = timeout.toNanos();
      while (!ended && left > 0) {
        left = changed.awaitNanos(left);
      }
      return ended;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ended;
    } finally {
      lock.unlock();
    }
  }

  /** Everything printed so far, one cleaned line per line. */
  public String text() {
    lock.lock();
    try {
      return String.join("\n", lines);
    } finally {
      lock.unlock();
    }
  }

  /** The last {@code count} lines, for failure messages. */
  public String tail(int count) {
    lock.lock();
    try {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } finally {
      lock.unlock();
    }
  }

  /** The {@code COHORT-RESULT} lines printed so far, by name; a later line wins. */
  public Map<String, String> results() {
    Map<String, String> results = new LinkedHashMap<>();
    lock.lock();
    try {
      for (String line : lines) {
        Matcher matcher = RESULT.matcher(line);
        if (matcher.find()) {
          results.put(matcher.group(1), matcher.group(2).strip());
        }
      }
    } finally {
      lock.unlock();
    }
    return results;
  }

  /** One result, if the guest printed it. */
  public Optional<String> result(String name) {
    return Optional.ofNullable(results().get(name));
  }

  private void read(InputStream console, OutputStream copy) {
    var line = new StringBuilder();
    byte[] buffer = new byte[4096];
    try (console; copy) {
      int count;
      while ((count = console.read(buffer)) >= 0) {
        copy.write(buffer, 0, count);
        copy.flush();
        // Latin-1 maps every byte to one char, so binary noise cannot break the decoding.
        for (char c : new String(buffer, 0, count, StandardCharsets.ISO_8859_1).toCharArray()) {
          if (c == '\n') {
            append(line.toString());
            line.setLength(0);
          } else {
            line.append(c);
          }
        }
      }
    } catch (IOException e) {
      line.append(" [console read failed: ").append(e.getMessage()).append(']');
    } finally {
      if (!line.isEmpty()) {
        append(line.toString());
      }
      lock.lock();
      try {
        ended = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void append(String raw) {
    String clean = ESCAPE.matcher(raw).replaceAll("").replace("\r", "");
    lock.lock();
    try {
      lines.add(clean);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
