package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.util.Arrays;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;

/**
 * AWS answers for the leak kinds of issue 15 (NAT gateways, snapshots, RDS, CloudWatch), shaped like
 * the API references' examples. RDS and CloudWatch are Query protocol with XML answers, as EC2.
 */
public final class MoreLeakXml {

    public static final String RDS_VERSION = "2014-10-31";

    private MoreLeakXml() {
    }

    /** Every new action answered empty in every region, at the lowest priority. */
    public static void emptyEverywhere(AwsStub aws) {
        emptyEverywhere(aws.server);
    }

    /** NAT gateways, snapshots, images, databases and their metrics answered empty, on any WireMock playing AWS. */
    public static void emptyEverywhere(com.github.tomakehurst.wiremock.WireMockServer server) {
        server.stubFor(queryAction("DescribeNatGateways").atPriority(10).willReturn(ec2Xml("DescribeNatGateways", "<natGatewaySet/>")));
        server.stubFor(queryAction("DescribeSnapshots").atPriority(10).willReturn(ec2Xml("DescribeSnapshots", "<snapshotSet/>")));
        server.stubFor(queryAction("DescribeImages").atPriority(10).willReturn(ec2Xml("DescribeImages", "<imagesSet/>")));
        server.stubFor(queryAction("DescribeDBInstances").atPriority(10).willReturn(rds("DescribeDBInstances", "<DBInstances/>")));
        server.stubFor(queryAction("DescribeEvents").atPriority(10).willReturn(rds("DescribeEvents", "<Events/>")));
        server.stubFor(queryAction("GetMetricStatistics").atPriority(10).willReturn(metric("Unknown")));
    }

    public static String natGateway(String id, String vpc, String created, String owner) {
        return "<item><natGatewayId>" + id + "</natGatewayId><vpcId>" + vpc + "</vpcId><subnetId>subnet-0pub</subnetId>"
                + "<state>available</state><createTime>" + created + "</createTime><connectivityType>public</connectivityType>"
                + "<natGatewayAddressSet><item><allocationId>eipalloc-0nat</allocationId><publicIp>44.1.1.1</publicIp>"
                + "</item></natGatewayAddressSet><tagSet><item><key>deckhand:owner</key><value>" + owner + "</value></item>"
                + "</tagSet></item>";
    }

    public static String snapshot(String id, String volumeId, int gb, String started, String description) {
        return "<item><snapshotId>" + id + "</snapshotId><volumeId>" + volumeId + "</volumeId><status>completed</status>"
                + "<startTime>" + started + "</startTime><progress>100%</progress><ownerId>123456789012</ownerId>"
                + "<volumeSize>" + gb + "</volumeSize><description>" + description + "</description>"
                + "<encrypted>false</encrypted><tagSet/></item>";
    }

    /** An image of our own with one snapshot on its root device. */
    public static String image(String amiId, String snapshotId) {
        return "<item><imageId>" + amiId + "</imageId><imageState>available</imageState><imageOwnerId>123456789012"
                + "</imageOwnerId><name>golden</name><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda"
                + "</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>"
                + snapshotId + "</snapshotId><volumeSize>8</volumeSize><volumeType>gp3</volumeType></ebs></item>"
                + "</blockDeviceMapping></item>";
    }

    public static String database(String id, String dbClass, String status, int gb, String created, String owner) {
        return "<DBInstance><DBInstanceIdentifier>" + id + "</DBInstanceIdentifier><DBInstanceClass>" + dbClass
                + "</DBInstanceClass><Engine>postgres</Engine><DBInstanceStatus>" + status + "</DBInstanceStatus>"
                + "<AllocatedStorage>" + gb + "</AllocatedStorage><StorageType>gp2</StorageType><InstanceCreateTime>"
                + created + "</InstanceCreateTime><DBInstanceArn>arn:aws:rds:us-east-1:123456789012:db:" + id
                + "</DBInstanceArn><TagList><Tag><Key>deckhand:owner</Key><Value>" + owner + "</Value></Tag></TagList>"
                + "</DBInstance>";
    }

    public static String stoppedEvent(String id, String date) {
        return "<Event><SourceIdentifier>" + id + "</SourceIdentifier><SourceType>db-instance</SourceType><Message>DB "
                + "instance stopped</Message><EventCategories><EventCategory>notification</EventCategory></EventCategories>"
                + "<Date>" + date + "</Date><SourceArn>arn:aws:rds:us-east-1:123456789012:db:" + id + "</SourceArn></Event>";
    }

    /** An RDS Query answer. */
    public static ResponseDefinitionBuilder rds(String action, String inner) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<" + action + "Response xmlns=\"http://rds.amazonaws.com/doc/" + RDS_VERSION + "/\"><" + action
                        + "Result>" + inner + "</" + action + "Result><ResponseMetadata><RequestId>req-1</RequestId>"
                        + "</ResponseMetadata></" + action + "Response>");
    }

    /**
     * GetMetricStatistics with one datapoint per value ({@code Sum} and {@code Maximum} both set to it).
     */
    public static ResponseDefinitionBuilder metric(String label, double... daily) {
        String points = Arrays.stream(daily).mapToObj(v -> "<member><Timestamp>2026-11-20T00:00:00Z</Timestamp><Sum>" + v
                + "</Sum><Maximum>" + v + "</Maximum><Unit>Count</Unit></member>").collect(Collectors.joining());
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<GetMetricStatisticsResult><Datapoints>" + points + "</Datapoints><Label>" + label + "</Label>"
                        + "</GetMetricStatisticsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                        + "</GetMetricStatisticsResponse>");
    }
}
