package dev.deckhand.app.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalsConfigTest {

    private static DeckhandConfig load(Map<String, String> env) {
        return ConfigLoader.load(Path.of("config/deckhand.yml"), env);
    }

    @Test
    void shippedConfig_hasTheDocumentedDefaults() {
        ApprovalsConfig a = load(Map.of()).approvals();

        assertThat(a.actions()).contains("ec2 terminate", "eip release", "elb delete", "teardown");
        assertThat(a.approverRole()).isEqualTo("admin");
        assertThat(a.required()).isEqualTo(1);
        assertThat(a.ttlMinutes()).isEqualTo(30);
        assertThat(a.worldOpenPorts()).containsExactly(22);
    }

    @Test
    void badValues_areRefused_namingTheKey() {
        Map<String, String> cases = Map.of(
                "DECKHAND_APPROVALS_APPROVER_ROLE", "config/deckhand.yml: approvals.approverRole: 'boss' is not a role level; "
                        + "allowed: viewer, deployer, admin",
                "DECKHAND_APPROVALS_REQUIRED", "config/deckhand.yml: approvals.required: 0 is out of range; "
                        + "allowed 1 to 10 distinct approvers",
                "DECKHAND_APPROVALS_TTL_MINUTES", "config/deckhand.yml: approvals.ttlMinutes: 0 is out of range; "
                        + "allowed 1 to 10080 (a week)",
                "DECKHAND_APPROVALS_MONTHLY_COST_LIMIT", "config/deckhand.yml: approvals.monthlyCostLimit: -5.0 is not a USD amount; "
                        + "e.g. 100, or 0 to hold every launch with a cost",
                "DECKHAND_APPROVALS_WORLD_OPEN_PORTS", "config/deckhand.yml: approvals.worldOpenPorts[1]: 70000 is not a port; "
                        + "allowed 1 to 65535, e.g. 22",
                "DECKHAND_APPROVALS_ACTIONS", "config/deckhand.yml: approvals.actions[0]: 'EC2 Terminate!' is not a command name; "
                        + "one or two lower-case words, e.g. ec2 terminate");
        Map<String, String> values = Map.of(
                "DECKHAND_APPROVALS_APPROVER_ROLE", "boss",
                "DECKHAND_APPROVALS_REQUIRED", "0",
                "DECKHAND_APPROVALS_TTL_MINUTES", "0",
                "DECKHAND_APPROVALS_MONTHLY_COST_LIMIT", "-5",
                "DECKHAND_APPROVALS_WORLD_OPEN_PORTS", "22,70000",
                "DECKHAND_APPROVALS_ACTIONS", "EC2 Terminate!");
        cases.forEach((key, message) -> assertThatThrownBy(() -> load(Map.of(key, values.get(key))))
                .as(key).isInstanceOf(ConfigException.class).hasMessage(message));
    }

    @Test
    void overrides_areApplied() {
        ApprovalsConfig a = load(Map.of("DECKHAND_APPROVALS_REQUIRED", "2", "DECKHAND_APPROVALS_CHANNEL", "C0OPS",
                "DECKHAND_APPROVALS_WORLD_OPEN_PORTS", "22,3389")).approvals();

        assertThat(a.required()).isEqualTo(2);
        assertThat(a.channel()).isEqualTo("C0OPS");
        assertThat(a.worldOpenPorts()).isEqualTo(List.of(22, 3389));
    }
}
