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
}
