/**
 * Bindings to the C library's system calls through {@code java.lang.foreign} (open, ioctl, read,
 * write, poll, eventfd, socket, bind, connect, listen, accept, getsockname, getpeername, sendto,
 * recv, setsockopt, getsockopt, if_nametoindex), with errno captured per call and
 * turned into {@link io.cohort.dataplane.libc.SystemCallException}. No JNI. Depends on nothing
 * but the JDK.
 */
package io.cohort.dataplane.libc;
