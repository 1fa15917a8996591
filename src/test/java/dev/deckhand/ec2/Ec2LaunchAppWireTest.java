package dev.deckhand.ec2;

import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ec2 launch --app ...}: the first-boot script as RunInstances receives it, and what is refused. */
class Ec2LaunchAppWireTest extends Ec2WireTest {

    static final String JAR = "https://artifacts.example.com/shop/app-1.4.2.jar";

    @BeforeEach
    void answerALaunch() {
        f.answerALaunch();
    }

    private static Map<String, String> fields(Reply reply) {
        return reply.fields().stream().collect(java.util.stream.Collectors.toMap(Reply.Field::label, Reply.Field::value));
    }

    private String userData() {
        String encoded = f.params("RunInstances").get("UserData");
        assertThat(encoded).as("RunInstances UserData").isNotNull();
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }

    @Test
    void launch_withSpringApp_sendsABootScriptThatQuotesTheArtifactAndRunsTheService() {
        Reply reply = f.admin("ec2 launch shop --app spring --artifact " + JAR + " --port 9090 --open 80,443,9090");

        String script = userData();
        assertThat(script).startsWith("#!/bin/sh\n").contains(
                "ARTIFACT_URL='" + JAR + "'\n",
                "PORT='9090'\n",
                "dnf) pkg_install java-17-amazon-corretto-headless ;;",
                "apt) pkg_install openjdk-17-jre-headless ;;",
                "fetch \"$R$APP_DIR/$ARTIFACT_FILE\"\n",
                "systemctl enable --now deckhand-app\n")
                .doesNotContain("nginx -t", "pipefail");
        assertThat(f.params("RunInstances")).containsValue("deckhand:app").containsValue("spring");
        // The URL appears once, inside single quotes.
        assertThat(script.split(java.util.regex.Pattern.quote(JAR), -1)).hasSize(2);
        assertThat(f.params("AuthorizeSecurityGroupIngress")).containsEntry("IpPermissions.3.FromPort", "9090");
        assertThat(fields(reply)).containsEntry("App",
                "spring from " + JAR + ", listening on 9090; port 9090 is open to 0.0.0.0/0");
    }

    @Test
    void launch_withNginx_proxiesAndAsksCertbotAndOpens80And443() {
        f.admin("ec2 launch shop --app express --artifact https://example.com/shop-1.0.0.tgz --https nginx "
                + "--domain Shop.Example.com --email ops@example.com --open none");

        assertThat(userData()).contains("APP_KIND='express'\n", "DOMAIN='shop.example.com'\n", "EMAIL='ops@example.com'\n",
                "PORT='8080'\n", "proxy_pass http://127.0.0.1:$PORT;",
                "certbot --nginx --non-interactive --agree-tos --redirect -d \"$DOMAIN\" -m \"$EMAIL\"",
                "dnf) pkg_install nodejs20 nodejs20-npm ;;");
        Map<String, String> ingress = f.params("AuthorizeSecurityGroupIngress");
        assertThat(ingress).containsEntry("IpPermissions.1.FromPort", "80").containsEntry("IpPermissions.2.FromPort", "443")
                .doesNotContainKey("IpPermissions.3.FromPort");
    }

    @Test
    void launch_dryRunWithApp_showsBothHttpsPathsCosts_andOpensTheAppsPort() {
        Reply reply = f.admin("ec2 launch shop --app spring --artifact " + JAR + " --port 9000 --dry-run");

        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(fields(reply)).containsEntry("App", "spring from " + JAR + ", listening on 9000; port 9000 is open to 0.0.0.0/0")
                .containsEntry("Ports", "80, 443, 9000 from 0.0.0.0/0")
                .containsEntry("HTTPS options", "nginx + certbot: $3.65/month (an Elastic IP for the DNS record; the "
                        + "certificate is free and renews on the instance) | load balancer (ALB) + ACM: $16.43/month "
                        + "(plus capacity units; the certificate is free and renews itself; room for more instances)");
    }

    @Test
    void launch_dryRunWithNginx_showsThePlanAsTheUserSeesIt() {
        Reply reply = f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx --domain shop.example.com "
                + "--email ops@example.com --open none --dry-run");

        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(reply.plainText()).isEqualTo("""
                == Plan: ec2 launch shop --app spring --artifact https://artifacts.example.com/shop/app-1.4.2.jar \
                --https nginx --domain shop.example.com --email ops@example.com --open none --dry-run (dry run) ==
                In us-east-1 it will:
                • launch t3.micro instance shop with a 8 GB disk
                • create security group deckhand-shop
                • open tcp 80 from 0.0.0.0/0 on deckhand-shop
                • open tcp 443 from 0.0.0.0/0 on deckhand-shop
                Estimate: instance $7.59 + disk $0.64 + public IPv4 $3.65 per month (price table of 2026-11-01).
                certbot asks for the certificate on first boot: point shop.example.com at the instance soon \
                (`eip allocate --for shop`, then `dns point shop.example.com shop`); the boot log says how to retry \
                if it was too early.
                Nothing was changed.
                  AMI:           ami-0fa3fe0fa7920f68e (al2023)
                  Type:          t3.micro
                  Ports:         80, 443 from 0.0.0.0/0
                  Disk:          8 GB gp3, deleted with the instance
                  Key pair:      none
                  Expires:       never (no --ttl)
                  App:           spring from https://artifacts.example.com/shop/app-1.4.2.jar, listening on 8080 \
                behind nginx at https://shop.example.com; nginx on 80/443, the app's port stays closed
                  HTTPS options: nginx + certbot: $3.65/month (an Elastic IP for the DNS record; the certificate \
                is free and renews on the instance) | load balancer (ALB) + ACM: $16.43/month (plus capacity units; \
                the certificate is free and renews itself; room for more instances)
                  Cost change:   +$11.88/month
                  > Without --dry-run this runs at once.""");
    }

    @Test
    void launch_withAnInjectionInTheArtifactUrl_isRefusedBeforeAnyAwsCall() {
        Reply reply = f.admin("ec2 launch shop --app spring --artifact \"https://x/a.jar;rm -rf /\"");

        assertThat(reply.body()).startsWith("The URL 'https://x/a.jar;rm -rf /' contains characters Deckhand does not "
                + "pass to a shell");
        assertThat(f.aws.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void appFlags_withoutApp_sayWhatEachFlagIsFor_notWhatArtifactIsFor() {
        String example = "\nFor example: ec2 launch shop --app spring --artifact "
                + "https://artifacts.example.com/shop/app-1.4.2.jar --port 8080";
        assertThat(f.admin("ec2 launch shop --port 9090").body())
                .isEqualTo("--port only goes with --app: it is the port the app listens on." + example);
        assertThat(f.admin("ec2 launch shop --email ops@example.com").body())
                .isEqualTo("--email only goes with --app: it is where Let's Encrypt sends the expiry notices of the app's "
                        + "certificate (with --https nginx).\nFor example: ec2 launch shop --app spring --artifact "
                        + "https://artifacts.example.com/shop/app-1.4.2.jar --https nginx --domain shop.example.com "
                        + "--email ops@example.com");
        assertThat(f.aws.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void launch_withBadAppCombinations_saysWhatIsWrongTheRightFormAndAnExample_andChangesNothing() {
        String example = "\nFor example: ec2 launch shop --app spring --artifact "
                + "https://artifacts.example.com/shop/app-1.4.2.jar --port 8080";
        assertThat(f.admin("ec2 launch shop --artifact " + JAR).body())
                .isEqualTo("--artifact only goes with --app: it says how the app is installed." + example);
        assertThat(f.admin("ec2 launch shop --app spring").body())
                .isEqualTo("--app spring needs --artifact <url>: where the instance downloads the app from." + example);
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx").body())
                .isEqualTo("--https nginx needs --domain <fqdn>: the name certbot gets a certificate for.\n"
                        + "For example: --https nginx --domain shop.example.com");
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https alb --domain a.example.com").body())
                .isEqualTo("--https takes nginx, not 'alb'. For a load balancer, launch without --https and then run "
                        + "`elb create <name> --instance <name> --domain <fqdn>`.\n"
                        + "For example: --https nginx --domain shop.example.com");
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --port 70000").body())
                .isEqualTo("--port must be the TCP port the app listens on, 1-65535, not '70000'.\nFor example: --port 8080");
        assertThat(f.admin("ec2 launch shop --app spring --artifact ftp://example.com/a.jar").body())
                .isEqualTo("The URL 'ftp://example.com/a.jar' must start with https:// or http://, not ftp://.\n"
                        + "Use an https (or http) address without spaces or quotes, e.g. "
                        + "https://artifacts.example.com/shop/app-1.4.2.jar.");
        assertThat(f.admin("ec2 launch shop --app tomcat --artifact " + JAR).body())
                .isEqualTo("'tomcat' is not an app kind Deckhand can run.\n"
                        + "Use --app spring (a Spring Boot jar) or --app express (an npm-packed .tgz).");
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx --domain a..example.com").body())
                .startsWith("'a..example.com' is not a valid domain name: it has an empty label");
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --email ops@example.com").body())
                .isEqualTo("--email only goes with --https nginx (the certificate certbot gets).\n"
                        + "For example: --https nginx --domain shop.example.com --email ops@example.com");
        assertThat(f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx --domain a.example.com "
                + "--email \"x@y.com;id\"").body()).startsWith("'x@y.com;id' is not an email address.");
        assertThat(f.aws.server.getAllServeEvents()).isEmpty();
    }

    /** The defect: --from also narrowed 80 and 443, which blocked certbot's HTTP check and every visitor. */
    @Test
    void launch_withNginxAndFrom_keeps80And443Public_narrowsTheRest_andThePlanSaysSo() {
        Reply plan = f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx --domain shop.example.com "
                + "--open 22 --from 203.0.113.7/32 --dry-run");

        assertThat(plan.plainText()).contains("open tcp 22 from 203.0.113.7/32 on deckhand-shop",
                "open tcp 80 from 0.0.0.0/0 on deckhand-shop", "open tcp 443 from 0.0.0.0/0 on deckhand-shop",
                "--https nginx keeps 80 and 443 open to everyone (0.0.0.0/0): certbot's HTTP check and the site's visitors "
                        + "need them; --from 203.0.113.7/32 narrows only the other ports.");
        assertThat(fields(plan)).containsEntry("Ports", "22 from 203.0.113.7/32; 80, 443 from 0.0.0.0/0");

        f.admin("ec2 launch shop --app spring --artifact " + JAR + " --https nginx --domain shop.example.com "
                + "--open 22 --from 203.0.113.7/32");

        assertThat(f.params("AuthorizeSecurityGroupIngress")).containsEntry("IpPermissions.1.FromPort", "22")
                .containsEntry("IpPermissions.1.IpRanges.1.CidrIp", "203.0.113.7/32")
                .containsEntry("IpPermissions.2.FromPort", "80").containsEntry("IpPermissions.2.IpRanges.1.CidrIp", "0.0.0.0/0")
                .containsEntry("IpPermissions.3.FromPort", "443").containsEntry("IpPermissions.3.IpRanges.1.CidrIp", "0.0.0.0/0");
    }

    @Test
    void launch_withAPresignedArtifact_showsItMasked_whileTheBootScriptHasTheWholeUrl() {
        String presigned = "https://shop-builds.s3.amazonaws.com/app-1.4.2.jar?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=cafe";

        Reply reply = f.admin("ec2 launch shop --app spring --artifact " + presigned);

        assertThat(userData()).contains("ARTIFACT_URL='" + presigned + "'");
        assertThat(reply.plainText()).doesNotContain("X-Amz", "AKIAEXAMPLE", "cafe")
                .contains("https://shop-builds.s3.amazonaws.com/app-1.4.2.jar?…");
    }

    @Test
    void launch_overPlainHttp_isRefusedUnlessAllowed_andThenThePlanWarns() {
        assertThat(f.admin("ec2 launch shop --app spring --artifact http://artifacts.example.com/app.jar").body())
                .startsWith("'http://artifacts.example.com/app.jar' is plain http: anyone between the instance and that "
                        + "server can swap the file.");
        assertThat(f.aws.server.getAllServeEvents()).isEmpty();

        Reply plan = f.admin("ec2 launch shop --app spring --artifact http://artifacts.example.com/app.jar --allow-http --dry-run");

        assertThat(plan.plainText()).contains("Warning: the artifact comes over plain http (--allow-http): anyone on the "
                + "path can swap it, and no --sha256 checks it.");
    }
}
