package dev.deckhand.aws.ec2;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.ec2.Ami;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.Image;

import java.util.Map;
import java.util.Optional;

/**
 * Turns {@code al2023}, {@code ubuntu-24.04} or {@code ubuntu-22.04} into the region's current AMI id
 * through SSM public parameters (AWS and Canonical keep them pointing at the latest image), then
 * reads the image for its root device name, which the volume size must be attached to.
 */
final class AmiAliases {

    /** Alias to SSM public parameter (x86_64). */
    static final Map<String, String> PARAMETERS = Map.of(
            "al2023", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
            "ubuntu-24.04", "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
            "ubuntu-22.04", "/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id");

    /** Alias to SSM public parameter for Graviton (arm64) types. */
    static final Map<String, String> ARM64_PARAMETERS = Map.of(
            "al2023", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
            "ubuntu-24.04", "/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
            "ubuntu-22.04", "/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id");

    private final AwsClients aws;
    private final InstanceArchitectures architectures;

    AmiAliases(AwsClients aws) {
        this.aws = aws;
        this.architectures = new InstanceArchitectures(aws);
    }

    Ami resolve(String region, String aliasOrId) {
        return resolve(region, aliasOrId, PARAMETERS);
    }

    /**
     * An alias resolves to the image for the type's architecture (arm64 for Graviton); an explicit
     * {@code ami-} id must be of that architecture, else EC2 would refuse the launch later.
     */
    Ami resolveFor(String region, String aliasOrId, String instanceType) {
        String arch = architectures.of(region, instanceType);
        Ami ami = resolve(region, aliasOrId, arch.equals(InstanceArchitectures.ARM64) ? ARM64_PARAMETERS : PARAMETERS);
        if (!ami.architecture().isEmpty() && !ami.architecture().equals(arch)) {
            throw new UserFacingException(ami.id() + " is an " + ami.architecture() + " image, but " + instanceType + " runs "
                    + arch + ". Use an alias (--ami al2023 picks the right one) or an " + arch + " image.");
        }
        return ami;
    }

    private Ami resolve(String region, String aliasOrId, Map<String, String> parameters) {
        String id = aliasOrId.startsWith("ami-") ? aliasOrId : parameter(region, aliasOrId, parameters);
        Image image = Ec2Errors.call("ec2:DescribeImages", region,
                () -> aws.ec2(region).describeImages(r -> r.imageIds(id)).images().stream().findFirst())
                .orElseThrow(() -> new UserFacingException("AMI " + id + " does not exist in " + region
                        + ". AMI ids differ per region: use an alias (--ami al2023) or an id from this region."));
        return new Ami(image.imageId(), aliasOrId, Optional.ofNullable(image.name()).orElse(""),
                Optional.ofNullable(image.rootDeviceName()).orElse("/dev/xvda"),
                Optional.ofNullable(image.architectureAsString()).orElse(""));
    }

    private String parameter(String region, String alias, Map<String, String> parameters) {
        String path = parameters.get(alias);
        if (path == null) {
            throw new UserFacingException("Unknown AMI alias '" + alias + "'. Use one of " + String.join(", ",
                    new java.util.TreeSet<>(PARAMETERS.keySet())) + ", or an ami-... id.");
        }
        return AwsErrors.call("ssm:GetParameter", region, () -> {
            try {
                return aws.ssm(region).getParameter(r -> r.name(path)).parameter().value();
            } catch (AwsServiceException e) {
                if ("ParameterNotFound".equals(AwsErrors.errorCode(e))) {
                    throw new UserFacingException("AWS publishes no " + alias + " image in " + region + " (SSM parameter "
                            + path + " not found). Use another --ami or an ami-... id.", e);
                }
                throw e;
            }
        });
    }
}
