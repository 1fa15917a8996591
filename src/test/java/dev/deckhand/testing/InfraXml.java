package dev.deckhand.testing;

import java.util.Map;
import java.util.stream.Collectors;

/** EC2 Query-protocol XML fragments shaped like AWS's documented responses, for WireMock stubs. */
public final class InfraXml {

    private InfraXml() {
    }

    public static String tags(Map<String, String> tags) {
        return "<tagSet>" + tags.entrySet().stream()
                .map(e -> "<item><key>" + e.getKey() + "</key><value>" + e.getValue() + "</value></item>")
                .collect(Collectors.joining()) + "</tagSet>";
    }

    /** One instance inside a reservation; {@code publicIp} may be empty. */
    public static String instance(String id, String name, String state, String publicIp, String groupId, String stack) {
        int code = switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "shutting-down" -> 32;
            case "terminated" -> 48;
            case "stopping" -> 64;
            default -> 80;
        };
        return "<item><reservationId>r-" + id + "</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item>"
                + "<instanceId>" + id + "</instanceId><imageId>ami-0abcdef1234567890</imageId>"
                + "<instanceState><code>" + code + "</code><name>" + state + "</name></instanceState>"
                + "<privateIpAddress>10.0.1.5</privateIpAddress>"
                + (publicIp.isEmpty() ? "" : "<ipAddress>" + publicIp + "</ipAddress>")
                + "<instanceType>t3.micro</instanceType><placement><availabilityZone>us-east-1a</availabilityZone></placement>"
                + "<subnetId>subnet-0aaa1111</subnetId><vpcId>vpc-0abc1234</vpcId>"
                + "<groupSet><item><groupId>" + groupId + "</groupId><groupName>web</groupName></item></groupSet>"
                + tags(stack.isEmpty() ? Map.of("Name", name) : Map.of("Name", name, "deckhand:stack", stack))
                + "</item></instancesSet></item>";
    }

    /** {@link #instance} with a {@code deckhand:owner} tag (none when {@code owner} is empty). */
    public static String instance(String id, String name, String state, String publicIp, String groupId, String stack,
                                  String owner) {
        String plain = instance(id, name, state, publicIp, groupId, stack);
        return owner.isEmpty() ? plain : plain.replace("</tagSet>", ownerTag(owner) + "</tagSet>");
    }

    private static String ownerTag(String owner) {
        return "<item><key>deckhand:owner</key><value>" + owner + "</value></item>";
    }

    public static String reservations(String... instances) {
        return "<reservationSet>" + String.join("", instances) + "</reservationSet>";
    }

    /** A tcp rule from a CIDR (IPv6 when it has a colon) inside {@code <ipPermissions>}. */
    public static String tcpRule(int from, int to, String cidr) {
        String ranges = cidr.contains(":")
                ? "<ipRanges/><ipv6Ranges><item><cidrIpv6>" + cidr + "</cidrIpv6></item></ipv6Ranges>"
                : "<ipRanges><item><cidrIp>" + cidr + "</cidrIp></item></ipRanges><ipv6Ranges/>";
        return "<item><ipProtocol>tcp</ipProtocol><fromPort>" + from + "</fromPort><toPort>" + to + "</toPort><groups/>"
                + ranges + "<prefixListIds/></item>";
    }

    public static String group(String id, String name, String stack, String... rules) {
        return "<item><ownerId>123456789012</ownerId><groupId>" + id + "</groupId><groupName>" + name + "</groupName>"
                + "<groupDescription>test</groupDescription><vpcId>vpc-0abc1234</vpcId><ipPermissions>"
                + String.join("", rules) + "</ipPermissions><ipPermissionsEgress/>"
                + (stack.isEmpty() ? "<tagSet/>" : tags(Map.of("deckhand:stack", stack))) + "</item>";
    }

    /** {@link #group} with a {@code deckhand:owner} tag. */
    public static String ownedGroup(String id, String name, String stack, String owner, String... rules) {
        String plain = group(id, name, stack, rules);
        return plain.contains("<tagSet/>") ? plain.replace("<tagSet/>", "<tagSet>" + ownerTag(owner) + "</tagSet>")
                : plain.replace("</tagSet>", ownerTag(owner) + "</tagSet>");
    }

    public static String groups(String... groups) {
        return "<securityGroupInfo>" + String.join("", groups) + "</securityGroupInfo>";
    }

    public static String address(String ip, String allocationId, String associationId, String instanceId, String stack) {
        return "<item><publicIp>" + ip + "</publicIp><allocationId>" + allocationId + "</allocationId><domain>vpc</domain>"
                + (associationId.isEmpty() ? "" : "<associationId>" + associationId + "</associationId>")
                + (instanceId.isEmpty() ? "" : "<instanceId>" + instanceId + "</instanceId>")
                + (stack.isEmpty() ? "" : tags(Map.of("Name", stack + "-eip", "deckhand:stack", stack))) + "</item>";
    }

    /** {@link #address} with a {@code deckhand:owner} tag. */
    public static String address(String ip, String allocationId, String associationId, String instanceId, String stack,
                                 String owner) {
        String plain = address(ip, allocationId, associationId, instanceId, stack);
        return plain.contains("</tagSet>") ? plain.replace("</tagSet>", ownerTag(owner) + "</tagSet>")
                : plain.replace("</item>", "<tagSet>" + ownerTag(owner) + "</tagSet></item>");
    }

    public static String addresses(String... addresses) {
        return "<addressesSet>" + String.join("", addresses) + "</addressesSet>";
    }
}
