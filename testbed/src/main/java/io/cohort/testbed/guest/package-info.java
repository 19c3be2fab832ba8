/**
 * A QEMU guest that runs stock Debian PPP clients ({@code pppd}, {@code xl2tpd}, {@code pptp}) for
 * integration tests on hosts whose kernel has no {@code /dev/ppp}.
 *
 * <p>{@link io.cohort.testbed.guest.GuestImage} builds (or finds cached) a Debian kernel and an
 * initramfs with {@code testbed/guest/build-guest.sh}; {@link io.cohort.testbed.guest.QemuGuest}
 * boots it under TCG on a tap device inside a test network namespace, with a per-test script and
 * configuration files appended as a second cpio archive ({@link io.cohort.testbed.guest.CpioArchive}),
 * and reads the guest's serial console ({@link io.cohort.testbed.guest.SerialConsole}), whose
 * {@code COHORT-RESULT name=value} lines are the guest's results. See {@code testbed/guest/README.md}.
 *
 * <p>Test scope only; depends on nothing but the JDK and host tools ({@code ip},
 * {@code qemu-system-x86_64}).
 */
package io.cohort.testbed.guest;
