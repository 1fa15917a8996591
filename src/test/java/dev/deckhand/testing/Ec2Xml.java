package dev.deckhand.testing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Inner XML of EC2 Query-protocol answers, shaped like the examples in the EC2 API reference; wrap
 * them with {@link AwsStub#ec2Xml}. Only the elements Deckhand reads are filled in, as AWS would
 * send them.
 */
public final class Ec2Xml {

    private Ec2Xml() {
    }

    /** One {@code instancesSet} item. */
    public record Instance(String id, String name, String type, int stateCode, String publicIp, String launchTime,
                           Map<String, String> tags, String groupId) {

        public static Instance running(String id, String name) {
            return new Instance(id, name, "t3.micro", 16, "54.210.1.10", "2026-11-20T12:00:00.000Z", Map.of(), "sg-0web1");
        }

        public Instance state(int code) {
            return new Instance(id, name, type, code, code == 16 ? publicIp : "", launchTime, tags, groupId);
        }

        public Instance ip(String ip) {
            return new Instance(id, name, type, stateCode, ip, launchTime, tags, groupId);
        }

        public Instance owner(String owner) {
            Map<String, String> t = new LinkedHashMap<>(tags);
            t.put("deckhand:owner", owner);
            return new Instance(id, name, type, stateCode, publicIp, launchTime, t, groupId);
        }

        public Instance type(String newType) {
            return new Instance(id, name, newType, stateCode, publicIp, launchTime, tags, groupId);
        }

        String xml() {
            Map<String, String> allTags = new LinkedHashMap<>();
            if (name != null) {
                allTags.put("Name", name);
            }
            allTags.putAll(tags);
            return "<item><instanceId>" + id + "</instanceId><imageId>ami-0123456789abcdef0</imageId>"
                    + "<instanceState><code>" + stateCode + "</code><name>" + stateName(stateCode) + "</name></instanceState>"
                    + "<privateDnsName>ip-10-0-0-12.ec2.internal</privateDnsName><keyName>my-key</keyName>"
                    + "<amiLaunchIndex>0</amiLaunchIndex><instanceType>" + type + "</instanceType>"
                    + "<launchTime>" + launchTime + "</launchTime>"
                    + "<placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>"
                    + "<monitoring><state>disabled</state></monitoring><subnetId>subnet-0aa</subnetId><vpcId>vpc-0aa</vpcId>"
                    + "<privateIpAddress>10.0.0.12</privateIpAddress>"
                    + (publicIp == null || publicIp.isEmpty() ? "" : "<ipAddress>" + publicIp + "</ipAddress>")
                    + "<groupSet><item><groupId>" + groupId + "</groupId><groupName>deckhand-" + name + "</groupName></item></groupSet>"
                    + "<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName>"
                    + "<tagSet>" + allTags.entrySet().stream().map(e -> "<item><key>" + e.getKey() + "</key><value>"
                    + e.getValue() + "</value></item>").collect(Collectors.joining()) + "</tagSet>"
                    + "</item>";
        }
    }

    public static String stateName(int code) {
        return switch (code) {
            case 0 -> "pending";
            case 16 -> "running";
            case 32 -> "shutting-down";
            case 48 -> "terminated";
            case 64 -> "stopping";
            default -> "stopped";
        };
    }

    /** DescribeInstances: one reservation holding the given instances (none: an empty reservationSet). */
    public static String reservations(Instance... instances) {
        if (instances.length == 0) {
            return "<reservationSet/>";
        }
        return "<reservationSet><item><reservationId>r-0aaa</reservationId><ownerId>123456789012</ownerId><groupSet/>"
                + "<instancesSet>" + Arrays.stream(instances).map(Instance::xml).collect(Collectors.joining())
                + "</instancesSet></item></reservationSet>";
    }

    /** RunInstances: the reservation with the new instance, pending. */
    public static String runInstances(String instanceId) {
        return "<reservationId>r-0bbb</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
                + "<item><instanceId>" + instanceId + "</instanceId><imageId>ami-0123456789abcdef0</imageId>"
                + "<instanceState><code>0</code><name>pending</name></instanceState>"
                + "<instanceType>t3.micro</instanceType><launchTime>2026-11-25T12:00:00.000Z</launchTime></item></instancesSet>";
    }

    /** Start/Stop/TerminateInstances: {@code set} is startingInstances / stoppingInstances / terminatingInstances' element name. */
    public static String stateChange(String instanceId, int previous, int current) {
        return "<instancesSet><item><instanceId>" + instanceId + "</instanceId>"
                + "<currentState><code>" + current + "</code><name>" + stateName(current) + "</name></currentState>"
                + "<previousState><code>" + previous + "</code><name>" + stateName(previous) + "</name></previousState>"
                + "</item></instancesSet>";
    }

    public static String ok() {
        return "<return>true</return>";
    }

    /** DescribeAddresses; each address is {publicIp, allocationId, instanceId-or-empty}. */
    public static String addresses(String[]... addresses) {
        return "<addressesSet>" + Arrays.stream(addresses).map(a -> "<item><publicIp>" + a[0] + "</publicIp><allocationId>"
                + a[1] + "</allocationId><domain>vpc</domain>"
                + (a[2].isEmpty() ? "" : "<instanceId>" + a[2] + "</instanceId><associationId>eipassoc-0" + a[0].hashCode()
                + "</associationId>") + "<publicIpv4Pool>amazon</publicIpv4Pool></item>").collect(Collectors.joining())
                + "</addressesSet>";
    }

    public static String keyPairs(String... names) {
        return "<keySet>" + Arrays.stream(names).map(n -> "<item><keyPairId>key-0" + Math.abs(n.hashCode())
                + "</keyPairId><keyName>" + n + "</keyName><keyFingerprint>1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca"
                + "</keyFingerprint></item>").collect(Collectors.joining()) + "</keySet>";
    }

    public static String image(String amiId, String name, String rootDevice) {
        return image(amiId, name, rootDevice, "x86_64");
    }

    public static String image(String amiId, String name, String rootDevice, String architecture) {
        return "<imagesSet><item><imageId>" + amiId + "</imageId><imageLocation>amazon/" + name + "</imageLocation>"
                + "<imageState>available</imageState><imageOwnerId>137112412989</imageOwnerId><isPublic>true</isPublic>"
                + "<architecture>" + architecture + "</architecture><imageType>machine</imageType><name>" + name + "</name>"
                + "<rootDeviceType>ebs</rootDeviceType><rootDeviceName>" + rootDevice + "</rootDeviceName></item></imagesSet>";
    }

    /** DescribeSecurityGroups with one group whose inbound rules are {protocol, port, cidr}. */
    public static String securityGroup(String groupId, String name, String[]... rules) {
        return "<securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>" + groupId + "</groupId><groupName>"
                + name + "</groupName><groupDescription>Deckhand</groupDescription><vpcId>vpc-0aa</vpcId><ipPermissions>"
                + Arrays.stream(rules).map(r -> "<item><ipProtocol>" + r[0] + "</ipProtocol><fromPort>" + r[1]
                + "</fromPort><toPort>" + r[1] + "</toPort><groups/><ipRanges><item><cidrIp>" + r[2]
                + "</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>").collect(Collectors.joining())
                + "</ipPermissions><ipPermissionsEgress/></item></securityGroupInfo>";
    }

    public static String noSecurityGroups() {
        return "<securityGroupInfo/>";
    }

    public static String createdSecurityGroup(String groupId) {
        return "<return>true</return><groupId>" + groupId + "</groupId>";
    }

    /** DescribeVolumes: one volume attached to the instance. */
    public static String volume(String volumeId, String instanceId, int sizeGb, String type) {
        return "<volumeSet><item><volumeId>" + volumeId + "</volumeId><size>" + sizeGb + "</size><snapshotId/>"
                + "<availabilityZone>us-east-1a</availabilityZone><status>in-use</status>"
                + "<createTime>2026-11-20T12:00:00.000Z</createTime><attachmentSet><item><volumeId>" + volumeId
                + "</volumeId><instanceId>" + instanceId + "</instanceId><device>/dev/xvda</device><status>attached</status>"
                + "<attachTime>2026-11-20T12:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></item>"
                + "</attachmentSet><volumeType>" + type + "</volumeType><encrypted>false</encrypted></item></volumeSet>";
    }

    public static String regions(String... names) {
        return "<regionInfo>" + Arrays.stream(names).map(n -> "<item><regionName>" + n + "</regionName><regionEndpoint>ec2."
                + n + ".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>")
                .collect(Collectors.joining()) + "</regionInfo>";
    }

    /** DescribeInstanceTypes for one type and its architectures ({@code x86_64}, {@code arm64}). */
    public static String instanceType(String type, String... architectures) {
        return "<instanceTypeSet><item><instanceType>" + type + "</instanceType><processorInfo><supportedArchitectures>"
                + Arrays.stream(architectures).map(a -> "<item>" + a + "</item>").collect(Collectors.joining())
                + "</supportedArchitectures></processorInfo></item></instanceTypeSet>";
    }

    /** SSM GetParameter's JSON answer for a public AMI parameter. */
    public static String ssmParameter(String path, String amiId) {
        return "{\"Parameter\":{\"ARN\":\"arn:aws:ssm:us-east-1::parameter" + path + "\",\"DataType\":\"aws:ec2:image\","
                + "\"LastModifiedDate\":1.764E9,\"Name\":\"" + path + "\",\"Type\":\"String\",\"Value\":\"" + amiId
                + "\",\"Version\":97}}";
    }
}
