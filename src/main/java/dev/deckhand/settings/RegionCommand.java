package dev.deckhand.settings;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.Regions;
import dev.deckhand.store.ChannelSettings;

/** {@code region [<name>]}: shows or sets the channel's default region. */
public final class RegionCommand {

    private final ChannelSettings settings;

    public RegionCommand(ChannelSettings settings) {
        this.settings = settings;
    }

    public CommandSpec spec() {
        return CommandSpec.command("region").usage("region [<name>]")
                .description("Shows this channel's default region, or sets it")
                .example("region ap-northeast-2").args(0, 1)
                .handledBy(context -> {
                    if (context.args().positionals().isEmpty()) {
                        return Reply.ephemeral("This channel works in *" + context.region()
                                + "*. Commands take `--region <name>` to look elsewhere.");
                    }
                    String region = Regions.requireValid(context.args().positional(0));
                    settings.setRegion(context.channel(), region);
                    return Reply.inChannel(context.user() + " set this channel's region to *" + region + "*.");
                });
    }
}
