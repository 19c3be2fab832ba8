package io.cohort.testbed;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a host program as execvp(3) does: a name with a slash is a path, any other name is looked
 * up in each directory of {@code PATH}. {@code ip netns exec NS PROGRAM} reports a missing
 * program only as exit status 1, the same status ping gives for an unanswered echo; looking first
 * turns "not installed" into its own failure.
 */
public final class ExecutableSearch {
    /** What execvp(3) searches when {@code PATH} is unset. */
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ExecutableSearch() {
    }

    /** The executable {@code program} names in {@code searchPath} (a {@code PATH} value), if any. */
    public static Optional<Path> find(String program, String searchPath) {
        if (program.isEmpty()) {
            return Optional.empty();
        }
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        return Stream.of(searchPath.split(File.pathSeparator, -1))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /**
     * The executable {@code program} names in this process's {@code PATH}; a
     * {@link TestbedException} naming the program and the search path if there is none.
     */
    public static Path require(String program) {
        String searchPath = System.getenv().getOrDefault("PATH", DEFAULT_PATH);
        return find(program, searchPath).orElseThrow(() -> new TestbedException(program + " is not installed: no executable "
                + (program.contains("/") ? program : program + " in PATH " + searchPath)
                + " (sudo bin/cohort-test installs the Debian packages the tests run; bin/host-packages.sh lists them)"));
    }
}
