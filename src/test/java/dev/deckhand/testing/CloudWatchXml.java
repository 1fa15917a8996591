package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;

/**
 * CloudWatch over its wire format in SDK 2.40.2: the Query protocol (form-encoded
 * {@code Action=GetMetricData}, XML answers in the 2010-08-01 namespace).
 */
public final class CloudWatchXml {

    private CloudWatchXml() {
    }

    /** GetMetricData for EC2 instance metrics (CPUUtilization, NetworkIn/Out). */
    public static MappingBuilder instanceMetrics() {
        return AwsStub.queryAction("GetMetricData").withRequestBody(containing("AWS%2FEC2"));
    }

    /** GetMetricData for load balancer metrics (RequestCount, ActiveFlowCount). */
    public static MappingBuilder loadBalancerMetrics() {
        return AwsStub.queryAction("GetMetricData").withRequestBody(containing("ELB"));
    }

    /** An answer where each id given came back with that status (Forbidden, InternalError) and no data points. */
    public static ResponseDefinitionBuilder unanswered(Map<String, String> statusById) {
        StringBuilder results = new StringBuilder();
        statusById.forEach((id, status) -> results.append("<member><Id>").append(id).append("</Id><Label>").append(id)
                .append("</Label><StatusCode>").append(status).append("</StatusCode><Timestamps/><Values/></member>"));
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<GetMetricDataResult><MetricDataResults>" + results + "</MetricDataResults><Messages/>"
                        + "</GetMetricDataResult><ResponseMetadata><RequestId>cw-2</RequestId></ResponseMetadata>"
                        + "</GetMetricDataResponse>");
    }

    /** An answer with one value per query id given; ids not given come back without data points. */
    public static ResponseDefinitionBuilder values(Map<String, Double> byId) {
        StringBuilder results = new StringBuilder();
        byId.forEach((id, value) -> results.append("<member><Id>").append(id).append("</Id><Label>").append(id)
                .append("</Label><StatusCode>Complete</StatusCode><Timestamps><member>2026-11-18T12:00:00Z</member>"
                        + "</Timestamps><Values><member>").append(value).append("</member></Values></member>"));
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<GetMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                        + "<GetMetricDataResult><MetricDataResults>" + results + "</MetricDataResults><Messages/>"
                        + "</GetMetricDataResult><ResponseMetadata><RequestId>cw-1</RequestId></ResponseMetadata>"
                        + "</GetMetricDataResponse>");
    }
}
