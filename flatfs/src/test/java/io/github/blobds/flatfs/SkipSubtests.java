package io.github.blobds.flatfs;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables named inherited subtests of a conformance suite, each with the reason it does not apply;
 * JUnit reports them as skipped with that reason.
 */
final class SkipSubtests implements ExecutionCondition {

    private final Map<String, String> reasons;

    SkipSubtests(Map<String, String> reasons) {
        this.reasons = Map.copyOf(reasons);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> reasons.get(m.getName()))
                .map(ConditionEvaluationResult::disabled)
                .orElse(ConditionEvaluationResult.enabled("applies"));
    }
}
