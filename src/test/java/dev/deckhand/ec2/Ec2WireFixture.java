package dev.deckhand.ec2;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.app.Deckhand;
import dev.deckhand.chat.Reply;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.TestDeckhand;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;

/** A whole Deckhand (shipped config, three enabled regions) talking to WireMock as EC2 and SSM. */
final class Ec2WireFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String REGIONS = "us-east-1,eu-west-1,ap-northeast-2";

    final AwsStub aws;
    final Deckhand deckhand;
    /** What Deckhand posted on its own: approval cards, and results in their threads. */
    final RecordingChatPort chat = new RecordingChatPort();

    Ec2WireFixture(Path tempDir) {
        this(tempDir, 3);
    }

    Ec2WireFixture(Path tempDir, int maxAttempts) {
        aws = new AwsStub(maxAttempts);
        deckhand = TestDeckhand.start(tempDir, aws.clients, Clock.fixed(NOW, ZoneOffset.UTC), chat,
                Map.of("DECKHAND_AWS_REGIONS", REGIONS));
    }

    /** The request id a "needs approval" answer names. */
    static String requestId(Reply reply) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(request ([a-z0-9]{8})\\)").matcher(reply.body());
        if (!m.find()) {
            throw new AssertionError("Not a needs-approval answer: " + reply.plainText());
        }
        return m.group(1);
    }

    Reply run(String user, String text) {
        return TestDeckhand.run(deckhand, user, "C0DEPLOY", text);
    }

    /** Runs as the console user, an admin in the shipped config. */
    Reply admin(String text) {
        return run("console", text);
    }

    /** Makes {@code user} a deployer, as an admin's grant would (stored directly: not the subject of these tests). */
    void deployer(String user) {
        grant(user, "deployer");
    }

    void grant(String user, String role) {
        new dev.deckhand.store.SqliteGrantStore(deckhand.database(), Clock.fixed(NOW, ZoneOffset.UTC))
                .grant(user, role, "console");
    }

    static final String AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    static final String AMI = "ami-0fa3fe0fa7920f68e";

    /** EC2 and SSM answering a launch that goes through: no instance of that name, al2023 resolved, a new group. */
    void answerALaunch() {
        answer("DescribeInstances", dev.deckhand.testing.Ec2Xml.reservations());
        answer("DescribeKeyPairs", dev.deckhand.testing.Ec2Xml.keyPairs("ops-laptop", "my-key"));
        answer(AwsStub.jsonTarget("AmazonSSM.GetParameter"), AwsStub.json(dev.deckhand.testing.Ec2Xml.ssmParameter(AL2023, AMI)));
        answer("DescribeImages", dev.deckhand.testing.Ec2Xml.image(AMI, "al2023-ami-2023.9.20251117.1-kernel-6.1-x86_64", "/dev/xvda"));
        answer("DescribeSecurityGroups", dev.deckhand.testing.Ec2Xml.noSecurityGroups());
        answer("CreateSecurityGroup", dev.deckhand.testing.Ec2Xml.createdSecurityGroup("sg-0new1"));
        answer("AuthorizeSecurityGroupIngress", dev.deckhand.testing.Ec2Xml.ok());
        answer("RunInstances", dev.deckhand.testing.Ec2Xml.runInstances("i-0new1234567890abc"));
    }

    void answer(String action, String innerXml) {
        aws.server.stubFor(queryAction(action).willReturn(ec2Xml(action, innerXml)));
    }

    void answer(MappingBuilder request, ResponseDefinitionBuilder response) {
        aws.server.stubFor(request.willReturn(response));
    }

    /** Form parameters of the only (or last) request for {@code action}, decoded. */
    Map<String, String> params(String action) {
        var requests = aws.requests(action);
        if (requests.isEmpty()) {
            throw new AssertionError("No " + action + " request was made");
        }
        return params(requests.get(requests.size() - 1));
    }

    static Map<String, String> params(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> decode(kv[0]), kv -> kv.length > 1 ? decode(kv[1]) : "",
                        (a, b) -> b, TreeMap::new));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        deckhand.close();
        aws.close();
    }
}
