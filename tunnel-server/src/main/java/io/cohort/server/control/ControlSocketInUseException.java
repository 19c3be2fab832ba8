package io.cohort.server.control;

import java.io.IOException;
import java.nio.file.Path;

/** Another live server already answers on the control socket path: this one must not start. */
public final class ControlSocketInUseException extends IOException {
    private final Path path;

    public ControlSocketInUseException(Path path) {
        super("another server is already running: " + path + " answers");
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
