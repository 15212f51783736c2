package io.eliot.core.internal;

import io.eliot.core.exception.ExceptionExtractor;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of exception extractors: exception class to extractor, the most specific
 * registered superclass winning. Lookups are cached per exception class.
 */
public final class ExceptionExtractors {

    private static final ExceptionExtractors GLOBAL = new ExceptionExtractors(true);

    /** Marks a class for which no extractor is registered. */
    private static final ExceptionExtractor<Throwable> NONE = t -> Map.of();

    private final Map<Class<?>, ExceptionExtractor<?>> registered = new ConcurrentHashMap<>();
    private final Map<Class<?>, ExceptionExtractor<?>> resolved = new ConcurrentHashMap<>();

    private ExceptionExtractors(boolean withDefaults) {
        if (withDefaults) {
            register(FileSystemException.class, e -> {
                Map<String, Object> fields = new LinkedHashMap<>(4);
                fields.put("file", e.getFile());
                if (e.getOtherFile() != null) {
                    fields.put("other_file", e.getOtherFile());
                }
                if (e.getReason() != null) {
                    fields.put("file_system_reason", e.getReason());
                }
                return fields;
            });
            register(SQLException.class, e -> {
                Map<String, Object> fields = new LinkedHashMap<>(4);
                fields.put("sql_state", e.getSQLState());
                fields.put("error_code", e.getErrorCode());
                return fields;
            });
        }
    }

    /** The process-wide registry, which {@code Eliot.registerExceptionExtractor} fills. */
    public static ExceptionExtractors global() {
        return GLOBAL;
    }

    /** Registers {@code extractor} for {@code type} and its subclasses, replacing any earlier one. */
    public <T extends Throwable> void register(Class<T> type, ExceptionExtractor<? super T> extractor) {
        registered.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(extractor, "extractor"));
        resolved.clear();
    }

    /**
     * The extra fields for {@code exception}, or an empty map.
     *
     * @throws RuntimeException whatever the extractor throws; callers turn it into a traceback
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, ?> extract(Throwable exception) {
        ExceptionExtractor extractor = resolved.computeIfAbsent(exception.getClass(), this::resolve);
        if (extractor == NONE) {
            return Map.of();
        }
        Map<String, ?> fields = extractor.extract(exception);
        return fields == null ? Map.of() : fields;
    }

    private ExceptionExtractor<?> resolve(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ExceptionExtractor<?> e = registered.get(c);
            if (e != null) {
                return e;
            }
        }
        return NONE;
    }
}
