package io.eliot.spring;

import io.eliot.core.Eliot;
import io.eliot.core.exception.ExceptionExtractor;
import java.util.Map;

/** The exception extractors registered with Eliot from configuration and beans, by exception class. */
public class EliotExceptionExtractors {

    private final Map<Class<? extends Throwable>, ExceptionExtractor<?>> extractors;

    /** Registers {@code extractors} with Eliot. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EliotExceptionExtractors(Map<Class<? extends Throwable>, ExceptionExtractor<?>> extractors) {
        this.extractors = Map.copyOf(extractors);
        this.extractors.forEach(
                (type, extractor) -> Eliot.registerExceptionExtractor((Class) type, (ExceptionExtractor) extractor));
    }

    /** The registered extractors, by the exception class they handle. */
    public Map<Class<? extends Throwable>, ExceptionExtractor<?>> extractors() {
        return extractors;
    }
}
