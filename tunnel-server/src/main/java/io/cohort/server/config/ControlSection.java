package io.cohort.server.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** {@code [control]}: the control socket, an absolute path that fits a Unix socket address. */
public record ControlSection(Path socket) {
    /** sun_path is 108 bytes; the JDK binds and connects to paths of at most 106 bytes. */
    private static final int MAX_SOCKET_PATH_BYTES = 106;
    public static final ControlSection DEFAULT = new ControlSection(Path.of("/run/cohort/control.sock"));

    public ControlSection {
        Objects.requireNonNull(socket);
        SettingRules rules = new SettingRules("control");
        rules.check(socket.isAbsolute(), "socket", "'" + socket + "' is not an absolute path");
        rules.check(socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH_BYTES, "socket",
                "is longer than " + MAX_SOCKET_PATH_BYTES + " bytes, the limit for a Unix socket path");
        rules.enforce();
    }

    static ControlSection read(SectionValues s) {
        return new ControlSection(s.path("socket", DEFAULT.socket()));
    }
}
