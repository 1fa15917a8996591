package dev.deckhand.aws;

import dev.deckhand.testing.AwsStub;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AwsClientsTest {

    @Test
    void clients_areBuiltOncePerServiceAndRegion() {
        try (AwsStub aws = new AwsStub()) {
            var first = aws.clients.ec2("us-east-1");
            assertThat(aws.clients.ec2("us-east-1")).isSameAs(first);
            assertThat(aws.clients.ec2("eu-west-1")).isNotSameAs(first);
            aws.clients.ssm("us-east-1");
            assertThat(aws.clients.size()).isEqualTo(3);
        }
    }

    @Test
    void watching_configuredRegions_refusesAnotherRegion_beforeBuildingAClient() {
        try (AwsStub aws = new AwsStub()) {
            AwsClients watched = aws.clients.watching(java.util.List.of("eu-west-1"), "us-east-1");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> watched.elbv2("ap-south-1"))
                    .isInstanceOf(dev.deckhand.command.UserFacingException.class)
                    .hasMessage("Deckhand does not work in region 'ap-south-1'. Watched regions: eu-west-1 "
                            + "(aws.regions in config). No AWS client was made for it.");
            watched.ec2("eu-west-1");
            watched.ec2("us-east-1"); // the home region
            watched.route53();
            assertThat(aws.clients.size()).isEqualTo(3);
            assertThat(aws.server.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void watching_isAViewOnTheSameClients_andClosingItClosesNothing() {
        try (AwsStub aws = new AwsStub()) {
            AwsClients watched = aws.clients.watching(java.util.List.of("us-east-1"), "us-east-1");

            assertThat(watched.ec2("us-east-1")).isSameAs(aws.clients.ec2("us-east-1"));
            watched.close();
            assertThat(aws.clients.size()).isEqualTo(1);
        }
    }
}
