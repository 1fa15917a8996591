package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** ELBv2 Query-protocol answers ({@code <XResponse><XResult>...}) and errors, as AWS documents them. */
public final class ElbXml {

    private ElbXml() {
    }

    public static ResponseDefinitionBuilder ok(String action, String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<" + action + "Response xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><"
                        + action + "Result>" + result + "</" + action + "Result><ResponseMetadata><RequestId>req-1</RequestId>"
                        + "</ResponseMetadata></" + action + "Response>");
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error>"
                        + "<Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>req-err</RequestId></ErrorResponse>");
    }

    public static String loadBalancer(String name, String arn, String dnsName) {
        return "<member><LoadBalancerArn>" + arn + "</LoadBalancerArn><DNSName>" + dnsName + "</DNSName>"
                + "<CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId><LoadBalancerName>" + name
                + "</LoadBalancerName><Scheme>internet-facing</Scheme><VpcId>vpc-0abc1234</VpcId><State><Code>active</Code>"
                + "</State><Type>application</Type><SecurityGroups><member>sg-0a1b2c3d4e5f60001</member></SecurityGroups>"
                + "<AvailabilityZones><member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-0aaa1111</SubnetId></member>"
                + "<member><ZoneName>us-east-1b</ZoneName><SubnetId>subnet-0bbb2222</SubnetId></member></AvailabilityZones>"
                + "</member>";
    }

    public static String loadBalancers(String... members) {
        return "<LoadBalancers>" + String.join("", members) + "</LoadBalancers>";
    }
}
