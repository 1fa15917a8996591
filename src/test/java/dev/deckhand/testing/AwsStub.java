package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock standing in for AWS: every service's endpoint is overridden to it, with static test
 * credentials. Query-protocol services (EC2, ELB, ELBv2) are matched on their {@code Action}
 * form field; the region is in the request's SigV4 credential scope, so stubs can answer regions
 * differently with {@link #inRegion}.
 */
public final class AwsStub implements AutoCloseable {

    public final WireMockServer server;
    public final AwsClients clients;

    public AwsStub() {
        this(3);
    }

    public AwsStub(int maxAttempts) {
        this(options().dynamicPort(), maxAttempts);
    }

    /** With WireMock options of one's own (more container threads, injected latency for benchmarks). */
    public AwsStub(com.github.tomakehurst.wiremock.core.WireMockConfiguration options, int maxAttempts) {
        server = new WireMockServer(options);
        server.start();
        clients = new AwsClients(new AwsClients.Settings(Optional.of(URI.create(server.baseUrl())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), maxAttempts));
        answerEveryTypeIsX86(server);
    }

    /**
     * A launch asks which architecture its type runs (to pick the image); unless a test says otherwise
     * (a Graviton type), every type is x86_64, as all the types the tests launch are.
     */
    public static void answerEveryTypeIsX86(WireMockServer server) {
        server.stubFor(queryAction("DescribeInstanceTypes").atPriority(100)
                .willReturn(ec2Xml("DescribeInstanceTypes", Ec2Xml.instanceType("t3.micro", "i386", "x86_64"))));
    }

    /** A POST carrying {@code Action=<action>} (EC2, ELB and ELBv2 Query protocol). */
    public static MappingBuilder queryAction(String action) {
        return post(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** An ELBv2 (ALB/NLB) Query action; told apart from Classic ELB's same-named actions by the API version. */
    public static MappingBuilder elbv2Action(String action) {
        return queryAction(action).withRequestBody(containing("Version=" + ELBV2_VERSION));
    }

    /** A Classic ELB Query action (API version 2012-06-01). */
    public static MappingBuilder classicElbAction(String action) {
        return queryAction(action).withRequestBody(containing("Version=" + CLASSIC_ELB_VERSION));
    }

    public static final String ELBV2_VERSION = "2015-12-01";
    public static final String CLASSIC_ELB_VERSION = "2012-06-01";

    /**
     * An ELB or ELBv2 answer: {@code <ActionResponse xmlns=...><ActionResult>inner</ActionResult>...}.
     *
     * @param version {@link #ELBV2_VERSION} or {@link #CLASSIC_ELB_VERSION}
     */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder elbXml(String version, String action,
                                                                                          String inner) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<" + action + "Response xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/" + version
                        + "/\"><" + action + "Result>" + inner + "</" + action + "Result><ResponseMetadata><RequestId>req-1"
                        + "</RequestId></ResponseMetadata></" + action + "Response>");
    }

    /** Narrows a stub to one region (its SigV4 scope), e.g. {@code inRegion(queryAction("DescribeInstances"), "eu-west-1")}. */
    public static MappingBuilder inRegion(MappingBuilder stub, String region) {
        return stub.withHeader("Authorization", containing("/" + region + "/"));
    }

    /** A POST to a JSON 1.1 service (SSM, ACM) for {@code target}, e.g. {@code AmazonSSM.GetParameter}. */
    public static MappingBuilder jsonTarget(String target) {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", com.github.tomakehurst.wiremock.client.WireMock.equalTo(target));
    }

    public static RequestPatternBuilder queryActionRequested(String action) {
        return postRequestedFor(urlPathEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** An EC2 Query-protocol answer: {@code <ActionResponse xmlns=...>inner</ActionResponse>}. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ec2Xml(String action, String inner) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action
                        + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>"
                        + inner + "</" + action + "Response>");
    }

    /** An EC2 error body as AWS sends it (HTTP 400 unless given). */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                        + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>req-err</RequestID></Response>");
    }

    /** A JSON 1.1 answer (SSM, ACM). */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    public List<LoggedRequest> requests(String action) {
        return server.findAll(queryActionRequested(action));
    }

    @Override
    public void close() {
        clients.close();
        server.stop();
    }
}
