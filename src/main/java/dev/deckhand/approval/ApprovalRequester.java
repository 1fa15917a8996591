package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.ApprovalGate;
import dev.deckhand.command.PlanReplies;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.PlanJson;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The router's approval gate: stores a held plan under a new request id, pinned (the command with its
 * region explicit, and the plan's pin: ids and fingerprints), posts the card showing the plan, and
 * tells the asker.
 */
final class ApprovalRequester implements ApprovalGate {

    private static final Logger log = LoggerFactory.getLogger(ApprovalRequester.class);
    /** No 0/o, 1/l/i: ids are read off a card and typed. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    static final Pattern ID = Pattern.compile("[" + ALPHABET + "]{8}");

    private final ApprovalSettings settings;
    private final ApprovalStore store;
    private final ChatPort chat;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApprovalRequester(ApprovalSettings settings, ApprovalStore store, ChatPort chat, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.chat = chat;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Reply requestApproval(CommandRequest request, String pinnedCommand, Plan plan, List<String> reasons) {
        Instant now = clock.instant();
        Optional<BigDecimal> cost = plan.monthlyChange() instanceof Cost.Known known
                ? Optional.of(known.usdPerMonth()) : Optional.empty();
        ApprovalRequest r = new ApprovalRequest(newId(), request.userId(), request.channelId(), pinnedCommand,
                plan.where(), String.join(" ", reasons), cost, ApprovalState.PENDING, now, now.plus(settings.ttl()),
                Optional.empty(), List.of(), "", Optional.empty(), "");
        store.insert(r);
        String json = PlanJson.write(plan);
        store.attachPlan(r.id(), plan.pin(), json);
        String cardChannel = settings.cardChannel(request.channelId());
        Optional<MessageRef> card = Optional.empty();
        try {
            card = Optional.of(chat.post(cardChannel, ApprovalCards.open(r, settings, Optional.of(PlanReplies.describe(plan).build()))));
            store.attachCard(r.id(), card.get());
        } catch (RuntimeException e) {
            log.warn("Could not post the approval card for request {} to {}", r.id(), cardChannel, e);
        }
        audit.record(new AuditEntry(now, r.requester(), r.channelId(), r.command(), plan.where(),
                plan.resourceIds().stream().filter(id -> !id.startsWith("new:")).toList(),
                AuditEntry.Outcome.REQUESTED, "needs approval (request " + r.id() + "): " + r.reason(), r.id(), json));
        Reply.Builder reply = Reply.builder().header("Needs approval")
                .body("`" + r.command() + "` needs approval (request " + r.id() + ").")
                .line(r.reason())
                .field("Expires", ApprovalCards.time(r.expiresAt()));
        reply.context(card.isPresent()
                ? "The approval card is in " + cardChannel + ". `cancel " + r.id() + "` withdraws the request."
                : "The approval card could not be posted; an approver can still type `approve " + r.id() + "`.");
        return reply.build();
    }

    private String newId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
