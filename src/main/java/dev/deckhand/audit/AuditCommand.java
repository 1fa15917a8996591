package dev.deckhand.audit;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code audit [n]}: the latest changes Deckhand made, who asked and how it went. */
public final class AuditCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AuditLog log;

    public AuditCommand(AuditLog log) {
        this.log = log;
    }

    public CommandSpec spec() {
        return CommandSpec.command("audit").usage("audit [n]").description("Shows the latest n changes (default 10, up to 100)")
                .example("audit 20").args(0, 1)
                .handledBy(context -> {
                    String raw = context.args().optionalPositional(0).orElse("10");
                    int n;
                    try {
                        n = Integer.parseInt(raw);
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 1 || n > 100) {
                        throw new dev.deckhand.validate.UsageException("n must be a number from 1 to 100, not '" + raw + "'.");
                    }
                    return render(log.latest(n));
                });
    }

    static Reply render(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Reply.ephemeral("Nothing recorded yet: the audit log lists changes to AWS.");
        }
        Reply.Builder reply = Reply.builder().header("Audit log (latest " + entries.size() + ")");
        for (AuditEntry e : entries) {
            reply.line(TIME.format(e.at()) + "  " + e.outcome().name().toLowerCase() + "  " + e.userId() + " in " + e.channelId()
                    + ": `" + e.command() + "`" + (e.region() == null ? "" : " [" + e.region() + "]")
                    + (e.resources().isEmpty() ? "" : " " + String.join(", ", e.resources()))
                    + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")"));
        }
        return reply.build();
    }
}
