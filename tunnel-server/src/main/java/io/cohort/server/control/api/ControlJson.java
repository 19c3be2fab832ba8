package io.cohort.server.control.api;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the control API, written by the server and read by every client (the CLI, the lab,
 * the benchmarks, the tests) through the same documents ({@link StatusDocument},
 * {@link ClusterDocument}): times as ISO-8601 UTC, absent values as {@code null}, and fields a
 * reader does not know (a newer server) ignored.
 */
public final class ControlJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ControlJson() {
    }

    /** {@code document} as one line of JSON, ending with a newline. */
    public static String write(Object document) {
        return MAPPER.writeValueAsString(document) + "\n";
    }

    /** Reads {@code json} as a {@code type}; a clear exception if it is not one. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
