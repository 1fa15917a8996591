package dev.deckhand.settings;

import dev.deckhand.accounts.Account;
import dev.deckhand.accounts.Accounts;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.store.ChannelSettings;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code account [<name>]}: shows the channel's default AWS account, or sets it, as {@link RegionCommand}
 * does for the region: open to viewers to look, a {@code ChangeSetting} plan to set (which the policy
 * refuses below deployer, and the router audits).
 */
public final class AccountCommand implements Change {

    private final ChannelSettings settings;
    private final Accounts accounts;

    public AccountCommand(ChannelSettings settings, Accounts accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    public CommandSpec spec() {
        return CommandSpec.command("account").usage("account [<name>]")
                .description("Shows this channel's default AWS account, or sets it (deployer)")
                .example("account dev").args(0, 1)
                .changes(this);
    }

    @Override
    public Plan plan(CommandContext context) {
        if (!accounts.configured()) {
            throw new UserFacingException("Deckhand works in one AWS account here (no aws.accounts in config).");
        }
        String current = current(context.channel());
        if (context.args().positionals().isEmpty()) {
            return context.nothingToDo("This channel works in account *" + current + "* (accounts: "
                    + String.join(", ", accounts.names()) + "). Commands take `--account <name>` to act elsewhere.");
        }
        Account chosen = accounts.require(context.args().positional(0).toLowerCase(Locale.ROOT));
        if (chosen.name().equals(current)) {
            return context.nothingToDo("This channel already works in account *" + current + "*.");
        }
        String stored = settings.account(context.channel()).orElse("");
        Target setting = new Target(Kind.CHANNEL_SETTING, "channel:" + context.channel() + "/account", Target.GLOBAL,
                new Owner.Nobody(), "", "this channel's default account", stored, "");
        return new Plan(context.planId(), context.spec().name(), context.user(), chosen.defaultRegion(),
                List.of(new Effect.ChangeSetting(setting, stored.isEmpty() ? current + " (the first configured)" : stored,
                        chosen.name())), Map.of(),
                List.of("Commands in this channel without --account will act in " + chosen.name() + "."));
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Effect.ChangeSetting change = (Effect.ChangeSetting) plan.effects().get(0);
        settings.setAccount(context.channel(), change.after());
        return Reply.inChannel(context.user() + " set this channel's account to *" + change.after() + "* (was "
                + change.before() + ").");
    }

    private String current(String channel) {
        return settings.account(channel).flatMap(accounts::find).or(accounts::defaultAccount).map(Account::name).orElse("");
    }
}
