package dev.deckhand.aws;

import dev.deckhand.ratelimit.CallBudget;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Takes a token from the {@link CallBudget} of the client's (account, region) before every HTTP attempt,
 * retries included: AWS counts each attempt against the account's bucket, so Deckhand must too.
 * {@code beforeTransmission} runs once per attempt, inside the SDK's retry loop.
 */
final class BudgetInterceptor implements ExecutionInterceptor {

    private final CallBudget budget;
    private final String account;
    private final String region;

    BudgetInterceptor(CallBudget budget, String account, String region) {
        this.budget = budget;
        this.account = account;
        this.region = region;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            budget.acquire(account, region);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("Interrupted while waiting for Deckhand's AWS call budget in "
                    + region).cause(e).build();
        }
    }
}
