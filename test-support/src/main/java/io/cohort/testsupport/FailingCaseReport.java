package io.cohort.testsupport;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * When a case of {@link SeededCases} fails, says which: its seed, how to replay it and the values
 * it was given (octets in hex), on standard error and as a suppressed {@link FailingCase} on the
 * failure, so that surefire's report carries it too. There is no shrinking: the values are
 * printed as they are, ready to become a regression case.
 *
 * <p>Register it on the test class: {@code @ExtendWith(FailingCaseReport.class)}. Invocations
 * whose display name has no seed (other parameterized tests) pass through untouched.
 */
public final class FailingCaseReport implements InvocationInterceptor {
    /** The report, attached to the failure it explains. */
    public static final class FailingCase extends Exception {
        FailingCase(String report) {
            super(report, null, false, false);
        }
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        try {
            invocation.proceed();
        } catch (TestAbortedException skipped) {
            throw skipped;
        } catch (Throwable failure) {
            Optional<Long> seed = CaseSeed.in(context.getDisplayName());
            if (seed.isPresent()) {
                String report = report(seed.get(), call.getExecutable(), call.getArguments());
                System.err.println(report);
                failure.addSuppressed(new FailingCase(report));
            }
            throw failure;
        }
    }

    static String report(long seed, Method method, List<Object> arguments) {
        String test = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
        StringBuilder s = new StringBuilder("failing case ").append(CaseSeed.name(seed)).append(" of ").append(test)
                .append("\n  replay: -Dtest='").append(test).append("' -D").append(CaseSeed.PROPERTY).append('=')
                .append(CaseSeed.format(seed));
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < arguments.size(); i++) {
            String name = i < parameters.length ? parameters[i].getName() : "argument " + i;
            s.append("\n  ").append(name).append(" = ").append(describe(arguments.get(i)));
        }
        return s.toString();
    }

    /** A value as a regression test would need it: octets in hex, strings with their escapes visible. */
    static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case byte[] b -> "byte[" + b.length + "] " + HexFormat.of().formatHex(b);
            case String t -> quoted(t);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case Object[] a -> describeAll(Arrays.stream(a));
            case Collection<?> c -> describeAll(c.stream());
            default -> String.valueOf(value);
        };
    }

    private static String describeAll(Stream<?> values) {
        return values.map(FailingCaseReport::describe).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String t) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                s.append("\\u%04x".formatted((int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
