package dev.deckhand.cert;

import dev.deckhand.aws.cert.AwsCertificates;
import dev.deckhand.aws.dns.AwsDns;
import dev.deckhand.chat.Progress;
import dev.deckhand.chat.Reply;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Handlers;
import dev.deckhand.testing.MutableClock;
import dev.deckhand.testing.RecordingChatPort;
import dev.deckhand.testing.Route53Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.deckhand.testing.AwsStub.json;
import static dev.deckhand.testing.AwsStub.jsonTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertCommandsTest {

    static final String ARN = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

    AwsStub aws;
    MutableClock clock;
    RecordingChatPort chat;
    CertCommands commands;

    @BeforeEach
    void start() {
        aws = new AwsStub(1);
        clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        chat = new RecordingChatPort();
        AwsDns dns = new AwsDns(aws.clients);
        AwsCertificates certs = new AwsCertificates(aws.clients);
        commands = new CertCommands(certs, new CertificateIssuer(certs, dns, clock, clock::advance, Duration.ofSeconds(30),
                Duration.ofMinutes(10)), new DnsZones(dns), dns, chat, Runnable::run);
        aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone")).willReturn(Route53Xml.zones(
                Route53Xml.zone("Z1EXAMPLE", "example.com", false))));
        aws.server.stubFor(post(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")).willReturn(Route53Xml.changed()));
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":[]}")));
        aws.server.stubFor(jsonTarget("CertificateManager.RequestCertificate").willReturn(json("{\"CertificateArn\":\"" + ARN + "\"}")));
        describeSequence("PENDING_VALIDATION", false, "PENDING_VALIDATION", true, "PENDING_VALIDATION", true, "ISSUED", true);
    }

    /** DescribeCertificate answers in turn: (status, whether ACM has made the validation record yet) pairs. */
    void describeSequence(Object... steps) {
        for (int i = 0; i < steps.length / 2; i++) {
            String state = i == 0 ? STARTED : "s" + i;
            boolean record = (Boolean) steps[i * 2 + 1];
            String body = "{\"Certificate\":{\"CertificateArn\":\"" + ARN + "\",\"DomainName\":\"api.example.com\",\"Status\":\""
                    + steps[i * 2] + "\",\"DomainValidationOptions\":[{\"DomainName\":\"api.example.com\",\"ValidationMethod\":\"DNS\""
                    + (record ? ",\"ResourceRecord\":{\"Name\":\"_a79865eb4cd1a6ab990a45779b4e0b96.api.example.com.\",\"Type\":\"CNAME\","
                    + "\"Value\":\"_424c7224e9b0146f9a8808af955727d0.acm-validations.aws.\"}" : "") + "}]"
                    + (steps[i * 2].equals("FAILED") ? ",\"FailureReason\":\"CAA_ERROR\"" : "") + "}}";
            var stub = jsonTarget("CertificateManager.DescribeCertificate").inScenario("acm").whenScenarioStateIs(state);
            if (i + 1 < steps.length / 2) {
                stub = stub.willSetStateTo("s" + (i + 1));
            }
            aws.server.stubFor(stub.willReturn(json(body)));
        }
    }

    /** As typed with {@code --stack api} unless the flags say otherwise. */
    Reply request(String domain, Map<String, String> flags) {
        Map<String, String> withStack = new java.util.HashMap<>(Map.of("stack", "api"));
        withStack.putAll(flags);
        return Handlers.call(Handlers.named(commands.commands(), "cert request"), "U2", List.of(domain), withStack, Progress.NONE);
    }

    @Test
    void request_withoutStack_isRefusedBeforeAnythingIsRequested_soNoCertificateBelongsToAGuessedStack() {
        assertThatThrownBy(() -> Handlers.call(Handlers.named(commands.commands(), "cert request"), "U2",
                List.of("api.example.com"), Map.of(), Progress.NONE))
                .isInstanceOf(dev.deckhand.validate.UsageException.class)
                .hasMessage("`cert request` needs --stack: the certificate and its validation record belong to the stack "
                        + "that will use them, so that `teardown <stack>` removes both.");
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/")))).noneMatch(r ->
                "CertificateManager.RequestCertificate".equals(r.getHeader("X-Amz-Target")));
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void request_writesTheValidationCname_thenPostsWhenIssued() {
        Reply reply = request("api.example.com", Map.of());

        assertThat(reply.body()).isEqualTo("Requested a certificate for api.example.com in us-east-1 (" + ARN + ").\n"
                + "Wrote the validation record `_a79865eb4cd1a6ab990a45779b4e0b96.api.example.com CNAME "
                + "_424c7224e9b0146f9a8808af955727d0.acm-validations.aws` in zone example.com.");
        String requested = aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
                .filter(r -> "CertificateManager.RequestCertificate".equals(r.getHeader("X-Amz-Target")))
                .findFirst().orElseThrow().getBodyAsString();
        assertThat(requested).contains("\"DomainName\":\"api.example.com\"", "\"ValidationMethod\":\"DNS\"",
                "\"IdempotencyToken\":\"", "{\"Key\":\"deckhand:stack\",\"Value\":\"api\"}", "{\"Key\":\"deckhand:owner\",\"Value\":\"U2\"}");
        String change = aws.server.findAll(postRequestedFor(urlPathMatching("/2013-04-01/hostedzone/Z1EXAMPLE/rrset/?")))
                .get(0).getBodyAsString();
        assertThat(change).contains("<Action>UPSERT</Action>", "<Name>_a79865eb4cd1a6ab990a45779b4e0b96.api.example.com.</Name>",
                "<Type>CNAME</Type>", "<Value>_424c7224e9b0146f9a8808af955727d0.acm-validations.aws</Value>");
        assertThat(chat.ofKind("post")).singleElement().satisfies(sent -> assertThat(sent.reply().body())
                .isEqualTo("The certificate for api.example.com is issued (" + ARN + "). Use it with "
                        + "`elb create <name> --instance <instance> --domain api.example.com`."));
        // 2 s until ACM made the validation record, then one 30 s poll until ISSUED.
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-25T12:00:32Z"));
    }

    @Test
    void request_whenAcmFails_postsTheReason() {
        aws.server.resetScenarios();
        describeSequence("PENDING_VALIDATION", true, "PENDING_VALIDATION", true, "FAILED", true);

        request("api.example.com", Map.of());

        assertThat(chat.ofKind("post").get(0).reply().body()).isEqualTo("ACM did not issue the certificate for "
                + "api.example.com: FAILED (CAA_ERROR). Check the zone's validation record, then run "
                + "`cert request api.example.com --stack api` again.");
    }

    @Test
    void request_outsideYourZones_isRefusedBeforeAnythingIsRequested() {
        assertThat(catchMessage(() -> request("api.other.org", Map.of())))
                .startsWith("api.other.org is not inside any hosted zone you have. Your zones: example.com.");
        assertThat(catchMessage(() -> request("api.example.com", Map.of("zone", "other.org"))))
                .isEqualTo("No hosted zone 'other.org'. Your zones: example.com.");
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
                .map(r -> r.getHeader("X-Amz-Target"))).doesNotContain("CertificateManager.RequestCertificate");
    }

    static String catchMessage(Runnable r) {
        try {
            r.run();
            return "no exception";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    String requestBody(int index) {
        return aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream()
                .filter(r -> "CertificateManager.RequestCertificate".equals(r.getHeader("X-Amz-Target")))
                .toList().get(index).getBodyAsString();
    }

    @Test
    void plan_createsTheCertificateAndItsValidationRecord_andRequestsNothing() {
        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "cert request"), "U2", List.of("api.example.com"), Map.of("stack", "api"));

        assertThat(plan.effects()).extracting(Effect::describe).containsExactly("create certificate api.example.com",
                "create DNS record ACM validation CNAME for api.example.com in example.com");
        assertThat(plan.effects()).allSatisfy(e -> assertThat(e.target().owner()).isEqualTo(new Owner.User("U2")));
        assertThat(aws.server.findAll(postRequestedFor(urlPathEqualTo("/"))).stream().map(r -> r.getHeader("X-Amz-Target")))
                .containsExactly("CertificateManager.ListCertificates");
    }

    @Test
    void request_takesAcmsIdempotencyTokenFromThePlanId_soEachNewRequestIsNew() {
        request("api.example.com", Map.of());
        aws.server.resetScenarios();
        describeSequence("PENDING_VALIDATION", true, "ISSUED", true);
        request("api.example.com", Map.of());

        java.util.regex.Pattern token = java.util.regex.Pattern.compile("\"IdempotencyToken\":\"(\\w+)\"");
        java.util.regex.Matcher first = token.matcher(requestBody(0));
        java.util.regex.Matcher second = token.matcher(requestBody(1));
        assertThat(first.find()).isTrue();
        assertThat(second.find()).isTrue();
        assertThat(first.group(1)).matches("p[0-9a-f]{24}").isNotEqualTo(second.group(1));
        assertThat(CertificateIssuer.idempotencyToken("abcd1234")).isEqualTo("abcd1234");
    }

    @Test
    void request_whenAnIssuedCertificateCoversTheName_isNothingToDo() {
        aws.server.stubFor(jsonTarget("CertificateManager.ListCertificates").willReturn(json("{\"CertificateSummaryList\":"
                + "[{\"CertificateArn\":\"" + ARN + "\",\"DomainName\":\"*.example.com\",\"Status\":\"ISSUED\"}]}")));

        Plan plan = Handlers.plan(Handlers.named(commands.commands(), "cert request"), "U2", List.of("api.example.com"), Map.of("stack", "api"));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.notes()).containsExactly("There is already an issued certificate for api.example.com in us-east-1: "
                + ARN + ". Nothing was requested.");
    }
}
