package io.cohort.server.status;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer (RFC 8259): objects, arrays, strings, numbers, booleans and
 * null, with correct string escaping. Misuse (a value where a name is due, unbalanced ends)
 * throws {@link IllegalStateException}.
 */
public final class JsonWriter {
    private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY }

    private final StringBuilder out = new StringBuilder();
    /** The open containers, innermost first, and whether each already holds an element. */
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final Deque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean done;

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_NAME);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endObject() {
        if (scopes.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("not in an object awaiting a name");
        }
        return close('}');
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endArray() {
        if (scopes.peek() != Scope.ARRAY) {
            throw new IllegalStateException("not in an array");
        }
        return close(']');
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT_NAME) {
            throw new IllegalStateException("a name is only allowed inside an object, before its value");
        }
        if (nonEmpty.pop()) {
            out.append(',');
        }
        nonEmpty.push(true);
        string(name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_VALUE);
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        string(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The document; every container must be closed. */
    @Override
    public String toString() {
        if (!scopes.isEmpty() || !done) {
            throw new IllegalStateException("incomplete JSON document");
        }
        return out.toString();
    }

    private JsonWriter close(char c) {
        scopes.pop();
        nonEmpty.pop();
        out.append(c);
        return this;
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        if (scope == null) {
            if (done) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            done = true;
            return;
        }
        switch (scope) {
            case OBJECT_NAME -> throw new IllegalStateException("an object member needs a name first");
            case OBJECT_VALUE -> {
                scopes.pop();
                scopes.push(Scope.OBJECT_NAME);
            }
            case ARRAY -> {
                if (nonEmpty.pop()) {
                    out.append(',');
                }
                nonEmpty.push(true);
            }
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !wellFormedPair(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True if the surrogate at {@code i} is half of a valid pair (which passes through as is). */
    private static boolean wellFormedPair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
