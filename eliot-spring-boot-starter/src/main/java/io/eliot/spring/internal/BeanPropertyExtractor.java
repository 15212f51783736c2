package io.eliot.spring.internal;

import io.eliot.core.exception.ExceptionExtractor;
import io.eliot.spring.EliotConfigurationException;
import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An exception extractor made from {@code eliot.exception-extractors}: reads the named bean
 * properties of the exception (e.g. {@code SQLState} through {@code getSQLState()}) into fields of
 * the same names.
 */
public final class BeanPropertyExtractor implements ExceptionExtractor<Throwable> {

    private final Map<String, Method> getters;

    private BeanPropertyExtractor(Map<String, Method> getters) {
        this.getters = getters;
    }

    /**
     * Checks {@code className} and {@code properties} and builds the extractor.
     *
     * @throws EliotConfigurationException naming the property when the class is unknown, not a
     *     Throwable, or lacks a readable property
     */
    public static Registration of(String className, List<String> properties, ClassLoader classLoader) {
        String property = "eliot.exception-extractors[" + className + "]";
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EliotConfigurationException(property, "no such class on the class path: " + className, e);
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw new EliotConfigurationException(property, className + " is not a Throwable");
        }
        if (properties == null || properties.isEmpty()) {
            throw new EliotConfigurationException(property, "names no bean property to extract");
        }
        Map<String, Method> readable = new LinkedHashMap<>();
        try {
            BeanInfo info = Introspector.getBeanInfo(type);
            for (PropertyDescriptor d : info.getPropertyDescriptors()) {
                if (d.getReadMethod() != null) {
                    readable.put(d.getName(), d.getReadMethod());
                }
            }
        } catch (IntrospectionException e) {
            throw new EliotConfigurationException(property, "cannot read the properties of " + className, e);
        }
        Map<String, Method> getters = new LinkedHashMap<>();
        for (String name : properties) {
            Method getter = readable.get(name);
            if (getter == null) {
                throw new EliotConfigurationException(
                        property,
                        className + " has no readable property '" + name + "'; it has "
                                + new TreeSet<>(readable.keySet()));
            }
            getters.put(name, getter);
        }
        @SuppressWarnings("unchecked")
        Class<? extends Throwable> throwable = (Class<? extends Throwable>) type;
        return new Registration(throwable, new BeanPropertyExtractor(getters));
    }

    /** An extractor and the exception class it is registered for. */
    public record Registration(Class<? extends Throwable> type, BeanPropertyExtractor extractor) {}

    @Override
    public Map<String, ?> extract(Throwable exception) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Method> e : getters.entrySet()) {
            try {
                fields.put(e.getKey(), e.getValue().invoke(exception));
            } catch (IllegalAccessException | InvocationTargetException failure) {
                throw new IllegalStateException(
                        "reading " + e.getKey() + " of " + exception.getClass().getName(), failure);
            }
        }
        return fields;
    }
}
