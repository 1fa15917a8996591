package dev.deckhand.aws;

import dev.deckhand.accounts.Account;
import dev.deckhand.command.UserFacingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a failed AssumeRole into what to fix, in the member account or in Deckhand's config: an
 * operator reading "AccessDenied" alone cannot tell a trust policy from an external id.
 */
final class StsErrors {

    private static final Logger log = LoggerFactory.getLogger(StsErrors.class);

    private StsErrors() {
    }

    static UserFacingException translate(Account account, SdkException e) {
        String code = e instanceof AwsServiceException s && s.awsErrorDetails() != null ? s.awsErrorDetails().errorCode() : "";
        log.warn("AssumeRole of {} in account {} failed: {}", account.roleArn(), account.name(), e.getMessage());
        String which = "Deckhand cannot assume " + account.roleArn() + " in account " + account.name() + " ("
                + account.accountId() + ")";
        String key = "aws.accounts." + account.name();
        String fix = switch (code == null ? "" : code) {
            case "AccessDenied" -> ": access denied. Check in account " + account.accountId() + " that the role's trust policy "
                    + "lets Deckhand's hub identity call sts:AssumeRole and sts:TagSession"
                    + (account.externalId().isBlank()
                    ? "; if it asks for an sts:ExternalId, set " + key + ".externalId to that value"
                    : ", and that its sts:ExternalId condition equals " + key + ".externalId")
                    + "; and that the hub's own policy allows sts:AssumeRole on this role.";
            case "RegionDisabledException" -> ": STS is not activated for the hub in this region. Activate it under IAM "
                    + "account settings, or set aws.defaultRegion to a region where it is.";
            case "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch" ->
                    ": Deckhand's own (hub) credentials were refused (" + code + "). Renew them; nothing is wrong in account "
                            + account.name() + ".";
            case "PackedPolicyTooLarge" -> ": the session tags are too large for STS (PackedPolicyTooLarge).";
            case "" -> ": STS could not be reached (" + e.getClass().getSimpleName() + "). Check the network to STS; "
                    + "the other accounts are unaffected.";
            default -> ": " + code + ". The details are in Deckhand's log.";
        };
        return new UserFacingException(which + fix);
    }
}
