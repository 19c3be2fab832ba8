package io.cohort.lab.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another {@code cohort} process (a member, the demo client): the java command and
 * its arguments up to the subcommand.
 *
 * @param prefix e.g. {@code [/usr/lib/jvm/.../java, --enable-native-access=ALL-UNNAMED, -jar, cohort.jar]}
 */
public record CohortCommandLine(List<String> prefix) {
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final String HEAP = "-Xmx256m";
    /** One GC thread per JVM: all members share this host's cores. */
    private static final String GC = "-XX:+UseSerialGC";

    public CohortCommandLine {
        prefix = List.copyOf(prefix);
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
    }

    /** The java and class path of this very process, with cohort's main class {@code main}. */
    public static CohortCommandLine ofThisProcess(Class<?> main) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new CohortCommandLine(List.of(java.toString(), NATIVE_ACCESS, HEAP, GC, "-cp",
                System.getProperty("java.class.path"), main.getName()));
    }

    /**
     * {@code java -jar jar} (the packaged server, its dependencies in {@code lib/} beside it), with
     * a small heap and one GC thread: for several JVMs sharing this host's cores.
     */
    public static CohortCommandLine ofJar(Path java, Path jar) {
        return ofJar(java, jar, List.of(HEAP, GC));
    }

    /** {@code java jvmOptions -jar jar}: the JVM's own defaults but for {@code jvmOptions} (e.g. {@code -Xmx2g}). */
    public static CohortCommandLine ofJar(Path java, Path jar, List<String> jvmOptions) {
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("no java at " + java);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no server jar at " + jar + " (build the cli module first)");
        }
        List<String> prefix = new ArrayList<>(List.of(java.toString(), NATIVE_ACCESS));
        prefix.addAll(jvmOptions);
        prefix.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        return new CohortCommandLine(prefix);
    }

    /** The full command for {@code arguments} (subcommand and its options). */
    public List<String> with(List<String> arguments) {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(arguments);
        return all;
    }
}
