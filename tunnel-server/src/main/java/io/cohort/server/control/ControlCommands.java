package io.cohort.server.control;

/** What the control socket can be asked: one request line in, the whole answer out. */
@FunctionalInterface
public interface ControlCommands {
    /**
     * The answer to {@code line} (without its newline). Unknown commands answer with
     * {@link ControlProtocol#ERROR_PREFIX}. Called on a control-socket thread.
     */
    String answer(String line);
}
