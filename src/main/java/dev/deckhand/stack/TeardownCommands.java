package dev.deckhand.stack;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.pricing.PriceTable;
import dev.deckhand.validate.Inputs;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code teardown <stack> [--dry-run]}. Needs the admin role until the approval layer gates it
 * ({@code approvals.actions} lists "teardown").
 */
public final class TeardownCommands {

    private final Teardown teardown;

    public TeardownCommands(Teardown teardown) {
        this.teardown = teardown;
    }

    public List<CommandSpec> commands() {
        return List.of(CommandSpec.command("teardown").usage("teardown <stack> [--dry-run]")
                .description("Removes everything tagged with the stack, in dependency order (needs approval)")
                .example("teardown shop --dry-run").role(Role.DEPLOYER).args(1, 1).flags("region").switches("dry-run")
                .mutating().handledBy(this::teardown));
    }

    private Reply teardown(CommandContext context) {
        String stack = Inputs.stack(context.args().positional(0));
        String region = context.region();
        if (context.args().has("dry-run")) {
            List<StackResource> plan = teardown.plan(region, stack);
            if (plan.isEmpty()) {
                return nothing(stack, region);
            }
            Reply.Builder reply = Reply.builder().header("Dry run: teardown of " + stack + " in " + region)
                    .line("Would remove, in this order:");
            numbered(reply, plan);
            return reply.line("That saves about " + usd(teardown.costs().monthly(region, plan)) + "/month. Nothing was changed.")
                    .build();
        }
        TeardownResult result = teardown.run(region, stack, context.progress());
        result.removed().forEach(r -> context.touched(r.id()));
        if (result instanceof TeardownResult.Stopped stopped) {
            Reply.Builder reply = Reply.builder().inChannel().header("Teardown of " + stack + " stopped")
                    .line("Failed while " + stopped.failedStep() + ": " + stopped.reason());
            if (!stopped.removed().isEmpty()) {
                reply.line("Removed: " + String.join("; ", stopped.removed().stream().map(StackResource::describe).toList())
                        + " (saves " + usd(stopped.savedPerMonth()) + "/month).");
            }
            reply.line("Still there:");
            numbered(reply, stopped.remaining());
            return reply.line("Run `teardown " + stack + "` again to finish; what is already gone is skipped.").build();
        }
        if (result.removed().isEmpty()) {
            return nothing(stack, region);
        }
        Reply.Builder reply = Reply.builder().inChannel().header("Tore down " + stack + " in " + region)
                .line("Removed " + result.removed().size() + " resource(s):");
        numbered(reply, result.removed());
        return reply.line("That saves about " + usd(result.savedPerMonth()) + "/month.").build();
    }

    private static Reply nothing(String stack, String region) {
        return Reply.ephemeral("Nothing is tagged deckhand:stack=" + stack + " in " + region
                + "; nothing to remove. (Another region? Add --region.)");
    }

    private static void numbered(Reply.Builder reply, List<StackResource> resources) {
        for (int i = 0; i < resources.size(); i++) {
            reply.line((i + 1) + ". " + resources.get(i).describe());
        }
    }

    private static String usd(BigDecimal amount) {
        return PriceTable.usd(amount);
    }
}
