package dev.deckhand.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deckhand.chat.Progress;
import dev.deckhand.testing.AccountsRig;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import dev.deckhand.testing.StsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code iam-policy}: the actions Deckhand calls, no more, no fewer. */
class IamPolicyTest {

    /** Checked by IAM when a create call tags what it creates, never called by name. */
    static final Set<String> IMPLICIT = Set.of("ec2:CreateTags", "elasticloadbalancing:AddTags", "acm:AddTagsToCertificate",
            "rds:CreateDBSnapshot");
    static final Pattern LABEL = Pattern.compile("\"((?:ec2|elasticloadbalancing|route53|acm|ssm|rds|cloudwatch|pricing):[A-Z][A-Za-z]+)\"");

    @TempDir
    Path tempDir;

    @Test
    void policy_listsExactlyTheActionsNamedAtCallSites_plusWhatTaggingOnCreateNeeds() throws IOException {
        Set<String> called = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("IamPolicy.java")).toList()) {
                Matcher m = LABEL.matcher(Files.readString(file));
                while (m.find()) {
                    called.add(m.group(1));
                }
            }
        }
        called.addAll(IMPLICIT);

        assertThat(IamPolicy.actions(false)).containsExactlyElementsOf(called);
    }

    @Test
    void readOnly_isTheSubsetThatOnlyReads_andBothAreValidPolicyDocuments() throws IOException {
        List<String> read = IamPolicy.actions(true);
        assertThat(read).contains("ec2:DescribeInstances", "elasticloadbalancing:DescribeLoadBalancers")
                .allSatisfy(a -> assertThat(a).matches(".*:(Describe|List|Get).*"));
        assertThat(IamPolicy.actions(false)).filteredOn(a -> !a.matches(".*:(Describe|List|Get).*"))
                .doesNotContainAnyElementsOf(read).contains("ec2:RunInstances", "ec2:TerminateInstances");
        for (boolean readOnly : new boolean[] {true, false}) {
            JsonNode doc = new ObjectMapper().readTree(IamPolicy.json(readOnly));
            assertThat(doc.get("Version").asText()).isEqualTo("2012-10-17");
            List<String> listed = new java.util.ArrayList<>();
            doc.get("Statement").get(0).get("Action").forEach(a -> listed.add(a.asText()));
            assertThat(listed).isEqualTo(IamPolicy.actions(readOnly));
        }
    }

    @Test
    void everyRequestOfALaunchAListAndAScan_isAllowedByThePolicy() {
        try (AccountsRig rig = new AccountsRig(tempDir, Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                "U1: deployer")) {
            String ami = "ami-0fa3fe0fa7920f68e";
            String alias = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
            Map.of("DescribeInstances", Ec2Xml.reservations(), "DescribeKeyPairs", Ec2Xml.keyPairs("ops"),
                    "DescribeImages", Ec2Xml.image(ami, "al2023-ami", "/dev/xvda"),
                    "DescribeSecurityGroups", Ec2Xml.noSecurityGroups(), "CreateSecurityGroup", Ec2Xml.createdSecurityGroup("sg-1"),
                    "AuthorizeSecurityGroupIngress", Ec2Xml.ok(), "RunInstances", Ec2Xml.runInstances("i-0new1234567890abc"),
                    "DescribeAddresses", "<addressesSet/>", "DescribeVolumes", "<volumeSet/>")
                    .forEach((action, xml) -> rig.server.stubFor(queryAction(action).willReturn(ec2Xml(action, xml))));
            rig.server.stubFor(AwsStub.jsonTarget("AmazonSSM.GetParameter").willReturn(AwsStub.json(Ec2Xml.ssmParameter(alias, ami))));

            rig.run("U1", "ec2 launch web-1");
            rig.run("U1", "ec2 list --all-regions");
            rig.deckhand.costWatch().scans().scan(List.of(), true, Progress.NONE);

            Set<String> asked = new TreeSet<>();
            rig.server.getAllServeEvents().forEach(e -> asked.add(action(e.getRequest())));
            asked.remove("sts:AssumeRole"); // the hub's permission, not the member role's
            assertThat(asked).contains("ec2:RunInstances", "ssm:GetParameter", "elasticloadbalancing:DescribeLoadBalancers");
            assertThat(IamPolicy.actions(false)).containsAll(asked);
        }
    }

    /** {@code service:Action} of a recorded request: Query (Action + Version) or JSON (X-Amz-Target). */
    private static String action(LoggedRequest request) {
        String target = request.getHeader("X-Amz-Target");
        if (target != null) {
            String service = target.startsWith("AmazonSSM.") ? "ssm" : target.startsWith("CertificateManager.") ? "acm"
                    : target.startsWith("AWSPriceListService.") ? "pricing" : target;
            return service + ":" + target.substring(target.indexOf('.') + 1);
        }
        Map<String, String> params = StsStub.params(request);
        String version = params.getOrDefault("Version", "");
        String service = switch (version) {
            case "2016-11-15" -> "ec2";
            case AwsStub.ELBV2_VERSION, AwsStub.CLASSIC_ELB_VERSION -> "elasticloadbalancing";
            case "2011-06-15" -> "sts";
            case "2014-10-31" -> "rds";
            case "2010-08-01" -> "cloudwatch";
            default -> "unknown(" + request.getUrl() + ")";
        };
        return service + ":" + params.get("Action");
    }
}
