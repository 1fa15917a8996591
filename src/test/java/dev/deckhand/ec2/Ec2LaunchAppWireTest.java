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
        assertThat(script).startsWith("#!/bin/bash\n").contains(
                "ARTIFACT_URL='" + JAR + "'\n",
                "PORT='9090'\n",
                "dnf install -y java-17-amazon-corretto-headless",
                "curl -fsSL --retry 5 --proto '=https,http' -o /opt/deckhand-app/app.jar \"$ARTIFACT_URL\"\n",
                "cat > /etc/systemd/system/deckhand-app.service <<UNIT\n",
                "ExecStart=/usr/bin/java -jar /opt/deckhand-app/app.jar --server.port=${PORT}\n",
                "systemctl enable --now deckhand-app\n")
                .doesNotContain("nginx");
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

        assertThat(userData()).contains("tar -xzf /opt/deckhand-app/app.tgz", "DOMAIN='shop.example.com'\n",
                "PORT='8080'\n", "proxy_pass http://127.0.0.1:${PORT};",
                "certbot --nginx --non-interactive --agree-tos --redirect -d \"$DOMAIN\" -m 'ops@example.com'");
        Map<String, String> ingress = f.params("AuthorizeSecurityGroupIngress");
        assertThat(ingress).containsEntry("IpPermissions.1.FromPort", "80").containsEntry("IpPermissions.2.FromPort", "443")
                .doesNotContainKey("IpPermissions.3.FromPort");
    }

    @Test
    void launch_dryRunWithApp_showsBothHttpsPathsCostsAndThatThePortIsClosed() {
        Reply reply = f.admin("ec2 launch shop --app spring --artifact " + JAR + " --dry-run");

        assertThat(f.aws.requests("RunInstances")).isEmpty();
        assertThat(fields(reply)).containsEntry("App", "spring from " + JAR + ", listening on 8080; port 8080 is not "
                        + "in --open, so only the instance itself reaches it: add it, e.g. --open 80,443,8080, "
                        + "or use --https nginx --domain <fqdn>")
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
}
