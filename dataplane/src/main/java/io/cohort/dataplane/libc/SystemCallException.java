package io.cohort.dataplane.libc;

import java.io.IOException;

/**
 * A system call failed: names the call, what it acted on (a device, a socket) and the errno with
 * its strerror text, e.g. {@code ioctl(TUNSETIFF) on tun%d failed: errno 1 (Operation not permitted)}.
 */
public final class SystemCallException extends IOException {
    private final String call;
    private final String subject;
    private final int errno;

    public SystemCallException(String call, String subject, int errno, String errnoText) {
        super(call + " on " + subject + " failed: errno " + errno + " (" + errnoText + ")");
        this.call = call;
        this.subject = subject;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public String subject() {
        return subject;
    }

    public int errno() {
        return errno;
    }
}
