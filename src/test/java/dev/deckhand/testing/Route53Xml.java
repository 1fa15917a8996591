package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** Route 53 REST-XML answers shaped like the API reference's examples. */
public final class Route53Xml {

    private static final String NS = " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"";

    private Route53Xml() {
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
    }

    public static String zone(String id, String name, boolean privateZone) {
        return "<HostedZone><Id>/hostedzone/" + id + "</Id><Name>" + name + ".</Name><CallerReference>ref-" + id
                + "</CallerReference><Config><PrivateZone>" + privateZone + "</PrivateZone></Config>"
                + "<ResourceRecordSetCount>3</ResourceRecordSetCount></HostedZone>";
    }

    public static ResponseDefinitionBuilder zones(String... zones) {
        return xml("<ListHostedZonesResponse" + NS + "><HostedZones>" + String.join("", zones)
                + "</HostedZones><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesResponse>");
    }

    public static String a(String name, String ip) {
        return "<ResourceRecordSet><Name>" + name + ".</Name><Type>A</Type><TTL>300</TTL><ResourceRecords>"
                + "<ResourceRecord><Value>" + ip + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
    }

    public static String alias(String name, String dnsName) {
        return "<ResourceRecordSet><Name>" + name + ".</Name><Type>A</Type><AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K"
                + "</HostedZoneId><DNSName>dualstack." + dnsName + ".</DNSName><EvaluateTargetHealth>false"
                + "</EvaluateTargetHealth></AliasTarget></ResourceRecordSet>";
    }

    public static String other(String name, String type, String value) {
        return "<ResourceRecordSet><Name>" + name + ".</Name><Type>" + type + "</Type><TTL>172800</TTL><ResourceRecords>"
                + "<ResourceRecord><Value>" + value + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
    }

    public static ResponseDefinitionBuilder records(String... sets) {
        return xml("<ListResourceRecordSetsResponse" + NS + "><ResourceRecordSets>" + String.join("", sets)
                + "</ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>");
    }

    public static ResponseDefinitionBuilder changed() {
        return xml("<ChangeResourceRecordSetsResponse" + NS + "><ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id>"
                + "<Status>PENDING</Status><SubmittedAt>2026-11-25T12:00:00.000Z</SubmittedAt></ChangeInfo>"
                + "</ChangeResourceRecordSetsResponse>");
    }
}
