package io.eliot.spring;

import io.eliot.core.Eliot;
import io.eliot.core.settings.FieldLimits;
import io.eliot.core.settings.FieldRedaction;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;

/**
 * The process-wide settings applied from {@code eliot.*}: global fields, redaction and field limits
 * (exception extractors are registered alongside). Undone when the context closes.
 */
public class EliotSettings implements DisposableBean {

    private final Map<String, Object> globalFields;

    /** Applies the settings. */
    public EliotSettings(Map<String, Object> globalFields, FieldRedaction redaction, FieldLimits limits) {
        this.globalFields = Map.copyOf(globalFields);
        Eliot.addGlobalFields(this.globalFields);
        FieldRedaction.setCurrent(redaction);
        FieldLimits.setDefaults(limits);
    }

    /** The global fields added to every message. */
    public Map<String, Object> globalFields() {
        return globalFields;
    }

    @Override
    public void destroy() {
        Eliot.removeGlobalFields(globalFields.keySet().toArray(String[]::new));
        FieldRedaction.setCurrent(FieldRedaction.NONE);
        FieldLimits.setDefaults(FieldLimits.DEFAULT);
    }
}
