package io.eliot.spring;

import io.eliot.core.Eliot;
import io.eliot.core.destination.Destination;
import io.eliot.spring.internal.DestinationFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;

/**
 * The destinations Eliot writes to in this application: those built from {@code
 * eliot.destinations} (or the default standard output one) and the application's {@code
 * Destination} beans. They are registered with Eliot when this bean is created; when the context
 * closes they are removed, and the configured ones are closed (asynchronous ones write everything
 * they accepted first). Spring closes the {@code Destination} beans itself.
 */
public class EliotDestinations implements DisposableBean {

    private final Map<String, Destination> configured;
    private final List<Destination> beans;

    /** Registers {@code configured} (owned and closed by this object) and {@code beans} with Eliot. */
    public EliotDestinations(Map<String, Destination> configured, List<Destination> beans) {
        this.configured = new LinkedHashMap<>(configured);
        this.beans = List.copyOf(beans);
        all().forEach(Eliot::addDestination);
    }

    /** The destinations built from properties, by name. */
    public Map<String, Destination> configured() {
        return Map.copyOf(configured);
    }

    /** Every destination registered by this object. */
    public List<Destination> all() {
        List<Destination> all = new ArrayList<>(configured.values());
        all.addAll(beans);
        return all;
    }

    @Override
    public void destroy() {
        all().forEach(Eliot::removeDestination);
        DestinationFactory.closeQuietly(new ArrayList<>(configured.values()));
    }
}
