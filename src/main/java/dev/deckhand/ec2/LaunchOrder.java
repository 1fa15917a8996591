package dev.deckhand.ec2;

import java.util.List;
import java.util.Map;

/**
 * Exactly what goes to EC2 for one launch.
 *
 * @param region          where
 * @param type            instance type
 * @param ami             the image (its root device gets the volume settings)
 * @param keyName         key pair, empty for none
 * @param securityGroupIds groups to attach
 * @param diskGb          gp3 root volume size, deleted on termination
 * @param tags            tags for the instance and its volume
 * @param clientToken     idempotency token
 * @param userData        first-boot script, raw text (base64-encoded on the way to EC2); empty for none
 */
public record LaunchOrder(String region, String type, Ami ami, String keyName, List<String> securityGroupIds,
                          int diskGb, Map<String, String> tags, String clientToken, String userData) {

    public LaunchOrder {
        securityGroupIds = List.copyOf(securityGroupIds);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags)); // order kept: Name first
        userData = userData == null ? "" : userData;
    }

    /** No first-boot script. */
    public LaunchOrder(String region, String type, Ami ami, String keyName, List<String> securityGroupIds,
                       int diskGb, Map<String, String> tags, String clientToken) {
        this(region, type, ami, keyName, securityGroupIds, diskGb, tags, clientToken, "");
    }
}
