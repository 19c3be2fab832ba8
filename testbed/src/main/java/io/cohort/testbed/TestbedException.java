package io.cohort.testbed;

/** A test host could not be set up, queried or torn down; the message says which and why. */
public final class TestbedException extends RuntimeException {
    public TestbedException(String message) {
        super(message);
    }

    public TestbedException(String message, Throwable cause) {
        super(message, cause);
    }
}
