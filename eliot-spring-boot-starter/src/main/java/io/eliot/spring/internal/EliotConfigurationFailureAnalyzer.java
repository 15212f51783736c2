package io.eliot.spring.internal;

import io.eliot.spring.EliotConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link EliotConfigurationException} into Spring Boot's startup failure report. */
public class EliotConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<EliotConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EliotConfigurationException cause) {
        return new FailureAnalysis(
                "Eliot could not be configured.\n\n    Property: " + cause.getProperty() + "\n    Problem:  "
                        + cause.getProblem(),
                "Fix '" + cause.getProperty() + "' in your application's configuration"
                        + " (see the configuration reference in Eliot's README).",
                cause);
    }
}
