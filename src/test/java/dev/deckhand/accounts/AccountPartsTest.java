package dev.deckhand.accounts;

import dev.deckhand.access.RoleAssignments;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.PinnedCommand;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountPartsTest {

    @Test
    void roleAssignments_qualifiedEntryWins_unqualifiedHoldsElsewhere_noneMeansNoRole() {
        RoleAssignments roles = RoleAssignments.parse("viewer, deployer@dev");
        assertThat(roles.roleIn("dev")).contains("deployer");
        assertThat(roles.roleIn("prod")).contains("viewer");
        assertThat(RoleAssignments.parse("deployer@dev").roleIn("prod")).isEmpty();
        assertThat(RoleAssignments.parse("deployer@dev").with("prod", "viewer").render()).isEqualTo("deployer@dev, viewer@prod");
        assertThat(roles.with("", "admin").render()).isEqualTo("admin");
    }

    @Test
    void pinnedCommand_namesTheAccount_whateverWasTyped() {
        CommandSpec spec = CommandSpec.command("ec2 stop").usage("ec2 stop <name>").description("d").example("ec2 stop web-1")
                .flags("region").args(1, 1).handledBy(c -> null);
        Arguments args = new Arguments(List.of("web-1"), Map.of("account", "dev"));

        assertThat(PinnedCommand.of(spec, args, "eu-west-1", "prod")).isEqualTo("ec2 stop web-1 --account prod --region eu-west-1");
        assertThat(PinnedCommand.of(spec, new Arguments(List.of("web-1"), Map.of()), "eu-west-1"))
                .isEqualTo("ec2 stop web-1 --region eu-west-1");
    }

    @Test
    void callerScope_isRestored_andCarriedToAnotherThreadByWrap() throws Exception {
        CallerScope.Caller caller = new CallerScope.Caller("prod", "U1", "");
        String seen = CallerScope.call(caller, () -> {
            var task = CallerScope.wrap(() -> CallerScope.currentAccount());
            var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                return pool.submit(task).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                pool.shutdownNow();
            }
        });
        assertThat(seen).isEqualTo("prod");
        assertThat(CallerScope.current()).isEmpty();
    }
}
