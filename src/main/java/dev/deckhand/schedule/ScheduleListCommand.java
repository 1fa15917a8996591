package dev.deckhand.schedule;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.Handler;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** {@code schedule list}: every scheduled instance, its window and what Deckhand does next. */
final class ScheduleListCommand implements Handler {

    private final ScheduleStore store;
    private final Clock clock;

    ScheduleListCommand(ScheduleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply handle(CommandContext ctx) {
        List<Schedule> all = store.all();
        if (all.isEmpty()) {
            return Reply.ephemeral("No off-hours schedules. Set one: `" + Window.EXAMPLE + "`.");
        }
        Instant now = clock.instant();
        Reply.Builder reply = Reply.builder().header("Off-hours schedules (" + all.size() + ")");
        for (Schedule s : all) {
            String next = s.window().nextEdge(now).map(e -> ", next " + e.action().name().toLowerCase() + " "
                    + e.at().atZone(s.window().zone()).toLocalDateTime().toString().replace('T', ' ')).orElse("");
            String override = s.overrideUntil().filter(now::isBefore)
                    .map(u -> ", kept running until " + u.atZone(s.window().zone()).toLocalTime()).orElse("");
            reply.line("- " + s.label() + " in " + s.region() + ": " + s.window().describe() + next + override
                    + " (set by " + s.createdBy() + ")");
        }
        return reply.build();
    }
}
