package io.eliot.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that another test runs through {@link Scenarios}, often to watch it fail; it
 * is skipped when found any other way (an IDE running a whole package, say).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Scenario.OnlyThroughScenarios.class)
@interface Scenario {

    /** Enables a scenario only under {@link Scenarios}, which sets {@link Scenarios#PARAMETER}. */
    final class OnlyThroughScenarios implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(Scenarios.PARAMETER).isPresent()
                    ? ConditionEvaluationResult.enabled("run by Scenarios")
                    : ConditionEvaluationResult.disabled("a scenario, run by another test through EngineTestKit");
        }
    }
}
