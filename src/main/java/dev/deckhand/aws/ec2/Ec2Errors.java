package dev.deckhand.aws.ec2;

import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.ec2.Ec2Messages;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * EC2's own error codes in words a person can act on; everything else falls back to
 * {@link AwsErrors} (unauthorized names the IAM action, throttling, credentials, network).
 */
final class Ec2Errors {

    /** Limit error codes and the quota each one means, so the message names the limit. */
    private static final Map<String, String> LIMITS = Map.of(
            "VcpuLimitExceeded", "the vCPU quota for running On-Demand instances (Service Quotas: "
                    + "\"Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances\")",
            "InstanceLimitExceeded", "the limit on running instances of this type",
            "AddressLimitExceeded", "the Elastic IP address quota (5 per region by default)",
            "SecurityGroupLimitExceeded", "the security-group quota per VPC",
            "RulesPerSecurityGroupLimitExceeded", "the inbound-rule quota per security group (60 by default)",
            "VolumeLimitExceeded", "the EBS storage quota for this volume type",
            "MaxSpotInstanceCountExceeded", "the Spot instance quota");

    private Ec2Errors() {
    }

    /**
     * Runs one SDK call named by its IAM action, with EC2 wording for the errors that have a
     * better answer than the generic one.
     *
     * @param keyPairs lists the region's key pairs when a key pair turns out to be missing
     */
    static <T> T call(String action, String region, Supplier<List<String>> keyPairs, Supplier<T> sdkCall) {
        return AwsErrors.call(action, region, () -> {
            try {
                return sdkCall.get();
            } catch (AwsServiceException e) {
                UserFacingException specific = specific(action, region, e, keyPairs);
                if (specific != null) {
                    throw specific;
                }
                throw e;
            }
        });
    }

    static <T> T call(String action, String region, Supplier<T> sdkCall) {
        return call(action, region, List::of, sdkCall);
    }

    static UserFacingException specific(String action, String region, AwsServiceException e,
                                        Supplier<List<String>> keyPairs) {
        String code = AwsErrors.errorCode(e);
        if (code.isEmpty()) {
            return null;
        }
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        if (code.equals("InvalidKeyPair.NotFound")) {
            return new UserFacingException(Ec2Messages.missingKeyPair(quoted(message), region, safeList(keyPairs)), e);
        }
        if (code.startsWith("InvalidInstanceID")) {
            return new UserFacingException("Instance " + quoted(message) + " was not found in " + region
                    + " (" + code + "). Check the id with `ec2 list --region " + region + "`.", e);
        }
        if (code.startsWith("InvalidAMIID")) {
            return new UserFacingException("AMI " + quoted(message) + " does not exist in " + region
                    + ". AMI ids differ per region: use an alias (--ami al2023) or an id from this region.", e);
        }
        if (LIMITS.containsKey(code)) {
            return new UserFacingException("AWS limit reached in " + region + ": " + LIMITS.get(code) + " (" + code
                    + "). Stop or terminate something there, or request an increase in Service Quotas.", e);
        }
        if (code.equals("IncorrectInstanceState")) {
            return new UserFacingException("The instance is not in a state that allows this now: " + message
                    + " Check it with `ec2 show`.", e);
        }
        if (code.equals("IdempotentParameterMismatch")) {
            return new UserFacingException("The same launch was requested a few minutes ago with different settings, "
                    + "so AWS refused it as a possible duplicate. Wait 10 minutes or use another name.", e);
        }
        if (code.equals("VPCIdNotSpecified") || code.equals("MissingInput") && message.contains("VPC")) {
            return new UserFacingException("Region " + region + " has no default VPC, which Deckhand launches into. "
                    + "Create one (VPC console: Actions > Create default VPC) or use another region.", e);
        }
        return null;
    }

    /** EC2 messages quote the missing thing: {@code The key pair 'k' does not exist}. */
    private static String quoted(String message) {
        int start = message.indexOf('\'');
        int end = start < 0 ? -1 : message.indexOf('\'', start + 1);
        // Some quote a list: The image id '[ami-0abc]' does not exist.
        return end > start ? message.substring(start + 1, end).replace("[", "").replace("]", "") : "";
    }

    private static List<String> safeList(Supplier<List<String>> keyPairs) {
        try {
            return keyPairs.get();
        } catch (RuntimeException e) {
            return List.of(); // the listing is a courtesy; the missing key pair is the message
        }
    }
}
