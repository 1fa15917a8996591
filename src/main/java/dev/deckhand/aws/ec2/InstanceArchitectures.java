package dev.deckhand.aws.ec2;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.command.UserFacingException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU architecture an instance type runs ({@code arm64} for Graviton families such as t4g, m7g, c8g;
 * else {@code x86_64}), read from DescribeInstanceTypes' ProcessorInfo.SupportedArchitectures and kept for
 * the life of the process: a type's architecture never changes. Nothing is guessed from the type's name.
 */
final class InstanceArchitectures {

    static final String ARM64 = "arm64";
    static final String X86_64 = "x86_64";

    private final AwsClients aws;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    InstanceArchitectures(AwsClients aws) {
        this.aws = aws;
    }

    String of(String region, String type) {
        String cached = known.get(type);
        if (cached != null) {
            return cached;
        }
        String arch = ask(region, type);
        known.put(type, arch);
        return arch;
    }

    private String ask(String region, String type) {
        List<InstanceTypeInfo> found = AwsErrors.call("ec2:DescribeInstanceTypes", region, () -> {
            try {
                return aws.ec2(region).describeInstanceTypes(r -> r.instanceTypesWithStrings(type)).instanceTypes();
            } catch (AwsServiceException e) {
                if (AwsErrors.errorCode(e).startsWith("InvalidInstanceType")) {
                    throw new UserFacingException("'" + type + "' is not an instance type EC2 offers in " + region
                            + ". For example: --type t3.micro (x86) or --type t4g.micro (Graviton, arm64).", e);
                }
                throw e;
            }
        });
        if (found.isEmpty() || found.get(0).processorInfo() == null) {
            throw new UserFacingException("EC2 did not say which CPU architecture " + type + " has in " + region
                    + ", so Deckhand cannot pick its image. Give --ami ami-... of the right architecture.");
        }
        List<String> archs = found.get(0).processorInfo().supportedArchitecturesAsStrings();
        if (archs.contains(X86_64)) {
            return X86_64;
        }
        if (archs.contains(ARM64)) {
            return ARM64;
        }
        throw new UserFacingException(type + " runs " + String.join(", ", archs) + ", for which Deckhand has no image alias. "
                + "Give --ami ami-... built for it.");
    }
}
