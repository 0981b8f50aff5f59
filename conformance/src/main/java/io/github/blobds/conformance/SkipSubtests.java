package io.github.blobds.conformance;

import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables named inherited subtests of a conformance suite, each with the reason it does not apply;
 * JUnit reports them as skipped with that reason. Register it on the suite's subclass:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SkipSubtests SKIP = new SkipSubtests(Map.of("combinations", "why they do not apply here"));
 * }</pre>
 *
 * The names are the suite's test method names ({@code basicPutGet}, {@code combinations}, …).
 */
public final class SkipSubtests implements ExecutionCondition {

    private final Map<String, String> reasons;

    /** @param reasons the reason each named subtest is skipped, by test method name */
    public SkipSubtests(Map<String, String> reasons) {
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
