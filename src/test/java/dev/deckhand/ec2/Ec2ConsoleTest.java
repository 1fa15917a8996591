package dev.deckhand.ec2;

import dev.deckhand.console.Console;
import dev.deckhand.testing.Ec2Xml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;

/** Types commands into the console, as a person would, with WireMock as AWS behind it. */
class Ec2ConsoleTest {

    @TempDir
    Path tempDir;

    @Test
    void console_helpDryRunListThenADeniedLaunchAndTheAudit() throws Exception {
        try (Ec2WireFixture f = new Ec2WireFixture(tempDir)) {
            f.answerALaunch();
            // Later stubs win: the listing shows api-1, while the launch's name check still finds no web-1.
            f.answer("DescribeInstances", Ec2Xml.reservations(Ec2Xml.Instance.running("i-0abc1234", "api-1").owner("console")));
            f.answer(queryAction("DescribeInstances").withRequestBody(containing("tag%3AName")),
                    ec2Xml("DescribeInstances", Ec2Xml.reservations()));
            f.answer("DescribeAddresses", Ec2Xml.addresses());
            String typed = String.join("\n", "help", "ec2 launch web-1 --type t3.small --ttl 7d --dry-run", "ec2 list",
                    "as U0VIEW", "ec2 launch web-2", "as console", "ec2 launch web-1 --type t3.small --ttl 7d", "audit", "exit");
            StringWriter printed = new StringWriter();

            new Console(f.deckhand.router(), f.deckhand::regionOf, "console", "console",
                    new BufferedReader(new StringReader(typed)), new PrintWriter(printed)).run();

            String out = printed.toString();
            // Other features add their own commands to help; these lines are EC2's.
            assertThat(out).contains("""
                      `ec2 list` Lists instances: name, id, type, state, public IP, Elastic IP, age, owner, region
                      `ec2 show` Shows one instance: addresses, security-group rules, volumes, cost
                      `ec2 launch` Launches an instance with its own security group, after showing the plan and its monthly cost
                      `ec2 start` Starts a stopped instance (it gets a new public IP unless it has an Elastic IP)
                      `ec2 stop` Stops an instance; its disks stay (and are billed)
                      `ec2 reboot` Reboots a running instance
                      `ec2 terminate` Terminates an instance for good (after approval); names the Elastic IPs left behind
                    """);
            assertThat(out.substring(out.indexOf("deckhand console@console> ... Checking web-1"))).isEqualTo("""
                    deckhand console@console> ... Checking web-1 in us-east-1...
                    == Plan: ec2 launch web-1 --type t3.small --ttl 7d --dry-run (dry run) ==
                    In us-east-1 it will:
                    • launch t3.small instance web-1 with a 8 GB disk
                    • create security group deckhand-web-1
                    • open tcp 80 from 0.0.0.0/0 on deckhand-web-1
                    • open tcp 443 from 0.0.0.0/0 on deckhand-web-1
                    Estimate: instance $15.18 + disk $0.64 + public IPv4 $3.65 per month (price table of 2026-11-01).
                    Nothing was changed.
                      AMI:         ami-0fa3fe0fa7920f68e (al2023)
                      Type:        t3.small
                      Ports:       80, 443 from 0.0.0.0/0
                      Disk:        8 GB gp3, deleted with the instance
                      Key pair:    none
                      Expires:     2026-12-02T12:00:00Z
                      Cost change: +$19.47/month
                      > Without --dry-run this runs at once.
                    deckhand console@console> == EC2 instances in us-east-1 (1) ==
                    ```
                    NAME   ID          TYPE      STATE    PUBLIC IP    EIP  AGE  OWNER    REGION
                    api-1  i-0abc1234  t3.micro  running  54.210.1.10  no   5d   console  us-east-1
                    ```
                    deckhand console@console> You are now U0VIEW.
                    deckhand U0VIEW@console> == Not allowed ==
                    `ec2 launch` needs the deployer role; you (U0VIEW) are viewer. Ask an admin (console) to run `grant U0VIEW deployer`.
                    deckhand U0VIEW@console> You are now console.
                    deckhand console@console> ... Checking web-1 in us-east-1...
                    ... Plan: t3.small web-1 in us-east-1, AMI ami-0fa3fe0fa7920f68e (al2023), ports 80, 443 from 0.0.0.0/0, 8 GB gp3, ~$19.47/month
                    ... Security group deckhand-web-1 (sg-0new1) created.
                    == Launched web-1 ==
                    console launched web-1 (i-0new1234567890abc) in us-east-1.
                      ID:             i-0new1234567890abc
                      State:          pending
                      Region:         us-east-1
                      AMI:            ami-0fa3fe0fa7920f68e (al2023)
                      Type:           t3.small
                      Ports:          80, 443 from 0.0.0.0/0
                      Disk:           8 GB gp3, deleted with the instance
                      Key pair:       none
                      Expires:        2026-12-02T12:00:00Z
                      Cost/month:     ~$19.47
                      Security group: deckhand-web-1 (sg-0new1)
                      > Estimate: instance $15.18 + disk $0.64 + public IPv4 $3.65 per month (price table of 2026-11-01).
                      > It boots in a minute or two; then `ec2 show web-1` shows its public IP.
                      [Show: ec2 show i-0new1234567890abc --region us-east-1]
                      (posted in #console)
                    deckhand console@console> == Audit log (latest 2) ==
                    2026-11-25 12:00  succeeded  console in console: `ec2 launch web-1 --type t3.small --ttl 7d` [us-east-1] sg-0new1, i-0new1234567890abc (Launched web-1)
                    2026-11-25 12:00  denied  U0VIEW in console: `ec2 launch web-2` [us-east-1] (`ec2 launch` needs the deployer role; you (U0VIEW) are viewer. Ask an admin (console) to run `grant U0VIEW deployer`.)
                    deckhand console@console> Bye.
                    """);
        }
    }
}
