package dev.deckhand.aws;

import dev.deckhand.command.UserFacingException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place where AWS failures become messages that say what to do. Every SDK call goes through
 * {@link #call}, naming the IAM action it needs so a permission error can name it too. Services add
 * their own wording (a missing key pair lists the key pairs) by catching {@link AwsServiceException}
 * first and falling back to {@link #translate}.
 */
public final class AwsErrors {

    private static final Set<String> UNAUTHORIZED = Set.of("UnauthorizedOperation", "AccessDenied",
            "AccessDeniedException", "UnauthorizedAccess", "AuthFailure", "OptInRequired");
    private static final Set<String> THROTTLED = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "TooManyRequestsException", "PriorRequestNotComplete");
    private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
            "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException");

    private AwsErrors() {
    }

    /**
     * Runs one SDK call. {@code action} is its IAM action (e.g. {@code ec2:RunInstances}).
     */
    public static <T> T call(String action, String region, Supplier<T> sdkCall) {
        try {
            return sdkCall.get();
        } catch (SdkException e) {
            throw translate(action, region, e);
        }
    }

    public static UserFacingException translate(String action, String region, SdkException e) {
        if (e instanceof AwsServiceException service && errorCode(service).isEmpty()) {
            return withoutCode(action, region, service);
        }
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = String.valueOf(service.awsErrorDetails().errorCode());
            String message = service.awsErrorDetails().errorMessage();
            if (code.equals("OptInRequired")) {
                return new UserFacingException("Region " + region + " is not enabled for this AWS account. "
                        + "Enable it in the AWS console (Account > AWS Regions) or use another region.", e);
            }
            if (UNAUTHORIZED.contains(code)) {
                return new UserFacingException("AWS refused " + action + " in " + region + ": Deckhand's credentials lack "
                        + "permission. Add the IAM action `" + action + "` to the role or user Deckhand runs as.", e);
            }
            if (BAD_CREDENTIALS.contains(code)) {
                return new UserFacingException("AWS did not accept Deckhand's credentials (" + code + "). Check the "
                        + "AWS_PROFILE / AWS_ACCESS_KEY_ID Deckhand runs with, or renew an expired session.", e);
            }
            if (THROTTLED.contains(code)) {
                return new UserFacingException("AWS is throttling " + action + " in " + region + " (" + code
                        + ") even after retries. Wait a minute and try again.", e);
            }
            if (code.endsWith("LimitExceeded") || code.equals("InstanceLimitExceeded") || code.equals("VcpuLimitExceeded")) {
                return new UserFacingException("An AWS limit was reached in " + region + " (" + code + "): " + message
                        + " Free some resources there, or request a quota increase in Service Quotas.", e);
            }
            return new UserFacingException("AWS refused " + action + " in " + region + " (" + code + "): " + message, e);
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new UserFacingException("Deckhand found no AWS credentials. Set AWS_PROFILE or "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run it with an instance role.", e);
        }
        return new UserFacingException("Could not reach AWS for " + action + " in " + region + " ("
                + rootMessage(e) + "), even after retries. Check the network or the endpoint, then try again.", e);
    }

    /** The AWS error code, or empty when the answer carried none. */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorCode() != null) {
            return s.awsErrorDetails().errorCode();
        }
        return "";
    }

    /**
     * An answer without an error code: the URL-connection HTTP client drops the body of a 401, and
     * proxies or emulators may answer bare statuses. The status still tells what to do.
     */
    private static UserFacingException withoutCode(String action, String region, AwsServiceException e) {
        if (e.statusCode() == 401) {
            return new UserFacingException("AWS did not accept Deckhand's credentials for " + action + " in " + region
                    + " (HTTP 401). Check the AWS_PROFILE / AWS_ACCESS_KEY_ID Deckhand runs with, or renew an "
                    + "expired session.", e);
        }
        if (e.statusCode() == 403) {
            return new UserFacingException("AWS refused " + action + " in " + region + " (HTTP 403): Deckhand's "
                    + "credentials lack permission. Add the IAM action `" + action + "` to the role or user Deckhand runs as.", e);
        }
        return new UserFacingException("AWS answered HTTP " + e.statusCode() + " to " + action + " in " + region
                + " without saying why. Try again; if it persists, check the endpoint Deckhand is configured with.", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
