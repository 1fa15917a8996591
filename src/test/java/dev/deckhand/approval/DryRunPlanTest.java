package dev.deckhand.approval;

import dev.deckhand.access.Role;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunPlanTest {

    private final List<CommandContext> seen = new ArrayList<>();
    private final CommandRequest request = new CommandRequest("U_DEP", "C0DEV", "eip release 54.9.9.9",
            CommandRequest.Origin.SLASH_COMMAND);

    private CommandSpec spec(boolean takesDryRun) {
        CommandSpec.Builder b = CommandSpec.command("eip release").usage("eip release <ip>").description("Releases")
                .example("eip release 54.9.9.9").role(Role.DEPLOYER).flags("region").args(1, 1).mutating();
        if (takesDryRun) {
            b.switches("dry-run");
        }
        return b.handledBy(context -> {
            seen.add(context);
            return Reply.builder().header("Plan").body("Would release " + context.args().positional(0)).build();
        });
    }

    @Test
    void of_aCommandWithDryRun_runsItsDryRun_asTheApprovedRunWouldSeeIt() {
        Arguments args = new Arguments(List.of("54.9.9.9"), Map.of("region", "eu-west-1"));

        Reply plan = DryRunPlan.of(request, spec(true), args, "eu-west-1").orElseThrow();

        assertThat(plan.body()).isEqualTo("Would release 54.9.9.9");
        CommandContext context = seen.get(0);
        assertThat(context.args().flags()).containsOnly(Map.entry("region", "eu-west-1"), Map.entry("dry-run", "true"));
        assertThat(context.region()).isEqualTo("eu-west-1");
        assertThat(context.request().origin()).isEqualTo(CommandRequest.Origin.APPROVAL);
        assertThat(context.user()).isEqualTo("U_DEP");
        assertThat(context.touched().ids()).isEmpty();
    }

    @Test
    void of_aCommandWithoutDryRun_orAlreadyADryRun_runsNothing() {
        assertThat(DryRunPlan.of(request, spec(false), new Arguments(List.of("54.9.9.9"), Map.of()), "us-east-1")).isEmpty();
        assertThat(DryRunPlan.of(request, spec(true), new Arguments(List.of("54.9.9.9"), Map.of("dry-run", "true")),
                "us-east-1")).isEmpty();
        assertThat(seen).isEmpty();
    }
}
