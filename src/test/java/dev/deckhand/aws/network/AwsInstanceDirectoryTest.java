package dev.deckhand.aws.network;

import dev.deckhand.command.UserFacingException;
import dev.deckhand.network.InstanceRef;
import dev.deckhand.testing.AwsStub;
import dev.deckhand.testing.Ec2Xml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.deckhand.testing.AwsStub.ec2Xml;
import static dev.deckhand.testing.AwsStub.queryAction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The networking commands' instance lookup goes through the shared InstanceQuery: live instances only. */
class AwsInstanceDirectoryTest {

    final AwsStub aws = new AwsStub();
    final AwsInstanceDirectory directory = new AwsInstanceDirectory(aws.clients);

    @AfterEach
    void stop() {
        aws.close();
    }

    private void answer(Ec2Xml.Instance... instances) {
        aws.server.stubFor(queryAction("DescribeInstances").willReturn(ec2Xml("DescribeInstances", Ec2Xml.reservations(instances))));
    }

    private Map<String, String> params() {
        var requests = aws.requests("DescribeInstances");
        return Arrays.stream(requests.get(requests.size() - 1).getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
                .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> b, TreeMap::new));
    }

    @Test
    void find_byName_filtersOnTheNameTagAndLiveStates() {
        answer(Ec2Xml.Instance.running("i-0abc1234567890def", "web-1"));

        InstanceRef ref = directory.find("us-east-1", "web-1").orElseThrow();

        assertThat(ref.id()).isEqualTo("i-0abc1234567890def");
        assertThat(params()).containsEntry("Filter.1.Name", "tag:Name").containsEntry("Filter.1.Value.1", "web-1")
                .containsEntry("Filter.2.Name", "instance-state-name")
                .containsEntry("Filter.2.Value.1", "pending").containsEntry("Filter.2.Value.4", "stopped")
                .doesNotContainKey("Filter.2.Value.5");
    }

    @Test
    void find_byId_filtersOnTheIdAndLiveStates_andAMissIsEmpty() {
        answer();

        assertThat(directory.find("us-east-1", "i-0abc1234567890def")).isEmpty();
        assertThat(params()).containsEntry("Filter.1.Name", "instance-id")
                .containsEntry("Filter.1.Value.1", "i-0abc1234567890def")
                .containsEntry("Filter.2.Name", "instance-state-name");
    }

    @Test
    void find_whenTwoShareTheName_asksForTheId() {
        answer(Ec2Xml.Instance.running("i-0aaa1234567890aaa", "web"), Ec2Xml.Instance.running("i-0bbb1234567890bbb", "web"));

        assertThatThrownBy(() -> directory.find("us-east-1", "web")).isInstanceOf(UserFacingException.class)
                .hasMessage("Several instances are named 'web' in us-east-1: i-0aaa1234567890aaa, i-0bbb1234567890bbb. Use the id.");
    }
}
