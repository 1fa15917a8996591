package dev.deckhand.aws;

import dev.deckhand.ratelimit.CallBudget;
import dev.deckhand.ratelimit.CallRate;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Locale;

/**
 * Takes a token from the {@link CallBudget} of the client's (account, region) and the call's metered unit
 * ({@link #meteredUnit}) before every HTTP attempt,
 * retries included (AWS counts each attempt against the account's bucket, so Deckhand must too), and
 * gives it back when the attempt's answer has come: {@code beforeTransmission} and
 * {@code afterTransmission} run once per attempt, inside the SDK's retry loop. An attempt that fails
 * without an answer (a dropped connection) gives its token back at the next attempt or at the end.
 */
final class BudgetInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<CallRate.Permit> PERMIT = new ExecutionAttribute<>("DeckhandBudgetPermit");

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
        giveBack(attributes);
        try {
            budget.acquire(account, region, meteredUnit(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))).ifPresent(p -> attributes.putAttribute(PERMIT, p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("Interrupted while waiting for Deckhand's AWS call budget in "
                    + region).cause(e).build();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        giveBack(attributes);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        giveBack(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        giveBack(attributes);
    }

    /**
     * What AWS throttles on its own: EC2 evaluates "each API individually" (a DescribeVolumes does not
     * spend DescribeInstances' tokens), the other services Deckhand calls meter all their reads together
     * (ELB per API version, which is per SDK service here). Unknown names fall in one shared unit.
     */
    static String meteredUnit(String service, String operation) {
        String s = service == null ? "unknown" : service.toLowerCase(Locale.ROOT);
        return s.equals("ec2") && operation != null ? "ec2:" + operation : s;
    }

    private static void giveBack(ExecutionAttributes attributes) {
        CallRate.Permit permit = attributes.getAttribute(PERMIT);
        if (permit != null) {
            permit.release();
            attributes.putAttribute(PERMIT, null);
        }
    }
}
