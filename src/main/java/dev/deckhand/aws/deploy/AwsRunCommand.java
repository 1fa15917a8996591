package dev.deckhand.aws.deploy;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.deploy.RunCommandService;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SendCommand with AWS-RunShellScript and GetCommandInvocation. */
public final class AwsRunCommand implements RunCommandService {

    private final AwsClients aws;

    public AwsRunCommand(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public String run(String region, String instanceId, List<String> commands, String comment) {
        try {
            return aws.ssm(region).sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(instanceId)
                    .parameters(Map.of("commands", commands)).comment(comment.length() > 100 ? comment.substring(0, 100) : comment)
                    .timeoutSeconds(600)).command().commandId();
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvalidInstanceId")) {
                throw new UserFacingException(instanceId + " is not managed by SSM, so Deckhand cannot run commands on it. "
                        + "It needs the SSM agent (preinstalled on Amazon Linux 2023 and Ubuntu) and an instance profile "
                        + "with the AmazonSSMManagedInstanceCore policy; after attaching one, wait a minute and retry.", e);
            }
            throw AwsErrors.translate("ssm:SendCommand", region, e);
        }
    }

    @Override
    public Optional<Invocation> invocation(String region, String commandId, String instanceId) {
        try {
            GetCommandInvocationResponse r = aws.ssm(region).getCommandInvocation(q -> q.commandId(commandId).instanceId(instanceId));
            return Optional.of(new Invocation(r.statusAsString(), r.responseCode() == null ? -1 : r.responseCode(),
                    r.standardOutputContent() == null ? "" : r.standardOutputContent(),
                    r.standardErrorContent() == null ? "" : r.standardErrorContent()));
        } catch (SdkException e) {
            if (AwsErrors.errorCode(e).equals("InvocationDoesNotExist")) {
                return Optional.empty();
            }
            throw AwsErrors.translate("ssm:GetCommandInvocation", region, e);
        }
    }
}
