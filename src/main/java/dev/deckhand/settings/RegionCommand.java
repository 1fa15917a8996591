package dev.deckhand.settings;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.RegionGuard;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.store.ChannelSettings;

import java.util.List;
import java.util.Map;

/**
 * {@code region [<name>]}: shows the channel's default region, or sets it.
 *
 * <p>One command, as people type it, and a change like any other. The role the router checks is per
 * command, so {@code region} stays open to viewers: asked without a name, its plan has nothing to do
 * and is answered at once (showing the region; no policy, no audit). With a name, its plan is a
 * {@code ChangeSetting} of the channel's region, before and after, which the policy refuses below
 * deployer (setting it moves everyone's next launch) and the router audits. Splitting it into a read
 * {@code region} and a changing {@code region set} would have broken {@code region ap-northeast-2}, which
 * Deckhand's own hints suggest; making {@code region} a deployer command would have stopped viewers
 * from seeing it. The new region must be a watched one (the same list as {@code --region}), with a
 * suggestion for a typo.
 */
public final class RegionCommand implements Change {

    private final ChannelSettings settings;
    private final RegionGuard regions;
    private final String defaultRegion;

    /**
     * @param regions       which regions may be chosen (the router's guard: watched regions only)
     * @param defaultRegion the configured default, in force while a channel has chosen none
     */
    public RegionCommand(ChannelSettings settings, RegionGuard regions, String defaultRegion) {
        this.settings = settings;
        this.regions = regions;
        this.defaultRegion = defaultRegion;
    }

    public CommandSpec spec() {
        return CommandSpec.command("region").usage("region [<name>]")
                .description("Shows this channel's default region, or sets it (deployer)")
                .example("region ap-northeast-2").args(0, 1)
                .changes(this);
    }

    @Override
    public Plan plan(CommandContext context) {
        if (context.args().positionals().isEmpty()) {
            return context.nothingToDo("This channel works in *" + context.region()
                    + "*. Commands take `--region <name>` to look elsewhere.");
        }
        String region = regions.require(context.args().positional(0).toLowerCase(java.util.Locale.ROOT));
        String stored = settings.region(context.channel()).orElse("");
        String now = stored.isEmpty() ? defaultRegion : stored;
        if (now.equals(region)) {
            return context.nothingToDo("This channel already works in *" + region + "*.");
        }
        String before = stored.isEmpty() ? defaultRegion + " (the configured default)" : stored;
        Target setting = new Target(Kind.CHANNEL_SETTING, "channel:" + context.channel() + "/region", Target.GLOBAL,
                new Owner.Nobody(), "", "this channel's default region", stored);
        // The plan is in the new region: the role's region limits apply to what the channel will use.
        return new Plan(context.planId(), context.spec().name(), context.user(), region,
                List.of(new Effect.ChangeSetting(setting, before, region)), Map.of(),
                List.of("Launches and lookups in this channel without --region will use " + region + "."));
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Effect.ChangeSetting change = (Effect.ChangeSetting) plan.effects().get(0);
        settings.setRegion(context.channel(), change.after());
        return Reply.inChannel(context.user() + " set this channel's region to *" + change.after() + "* (was "
                + change.before() + ").");
    }
}
