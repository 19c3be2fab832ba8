package io.cohort.ppp.wire;

/** Either a decoded value or the reason it could not be decoded; decoders never throw. */
public sealed interface DecodeResult<T> {
    record Ok<T>(T value) implements DecodeResult<T> { }

    record Malformed<T>(DecodeError error, String detail) implements DecodeResult<T> { }

    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> DecodeResult<T> malformed(DecodeError error, String detail) {
        return new Malformed<>(error, detail);
    }
}
