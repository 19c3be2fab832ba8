/**
 * TUN devices ({@link io.cohort.dataplane.tun.TunDevice}), the per-device reader thread
 * ({@link io.cohort.dataplane.tun.TunReader}) and the plain UDP→TUN forwarding loop used as the
 * performance baseline. Depends on the JDK, {@code libc} and {@code telemetry}; never on
 * protocol modules.
 */
package io.cohort.dataplane.tun;
