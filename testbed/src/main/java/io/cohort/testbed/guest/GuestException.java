package io.cohort.testbed.guest;

/** The guest could not be built, booted or did not do what a test waited for. */
public final class GuestException extends RuntimeException {

  public GuestException(String message) {
    super(message);
  }

  public GuestException(String message, Throwable cause) {
    super(message, cause);
  }
}
