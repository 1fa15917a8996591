package dev.deckhand.approval;

import dev.deckhand.access.Decision;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.ChatPort.MessageRef;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.ApprovalGate;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.store.AuditEntry;
import dev.deckhand.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The router's approval gate: when the policy holds a command, works out its plan (its own dry run,
 * see {@link DryRunPlan}), pins it (text with explicit region, requester, channel) under a new request
 * id, posts the approval card with that plan, and tells the asker. Input the dry run refuses is
 * refused here, before anything is stored.
 */
final class ApprovalRequester implements ApprovalGate {

    private static final Logger log = LoggerFactory.getLogger(ApprovalRequester.class);
    /** No 0/o, 1/l/i: ids are read off a card and typed. */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    static final Pattern ID = Pattern.compile("[" + ALPHABET + "]{8}");

    private final ApprovalPolicy policy;
    private final ApprovalSettings settings;
    private final ApprovalStore store;
    private final ChatPort chat;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApprovalRequester(ApprovalPolicy policy, ApprovalSettings settings, ApprovalStore store, ChatPort chat,
                      AuditLog audit, Clock clock) {
        this.policy = policy;
        this.settings = settings;
        this.store = store;
        this.chat = chat;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<Reply> hold(CommandRequest request, CommandSpec spec, Arguments args, String region, Decision decision) {
        Optional<ApprovalPolicy.Hold> hold = policy.check(spec, args, region, decision);
        if (hold.isEmpty()) {
            return Optional.empty();
        }
        // Before anything is stored: bad input or a plan AWS refuses is answered now, with no request made.
        Optional<Reply> plan = DryRunPlan.of(request, spec, args, region);
        Instant now = clock.instant();
        ApprovalRequest r = new ApprovalRequest(newId(), request.userId(), request.channelId(),
                PinnedCommand.of(spec, args, region), region, hold.get().reason(), hold.get().monthlyChange(),
                ApprovalState.PENDING, now, now.plus(settings.ttl()), Optional.empty(), List.of(), "",
                Optional.empty(), "");
        store.insert(r);
        String cardChannel = settings.cardChannel(request.channelId());
        Optional<MessageRef> card = Optional.empty();
        try {
            card = Optional.of(chat.post(cardChannel, ApprovalCards.open(r, settings, plan)));
            store.attachCard(r.id(), card.get());
        } catch (RuntimeException e) {
            log.warn("Could not post the approval card for request {} to {}", r.id(), cardChannel, e);
        }
        audit.record(new AuditEntry(now, r.requester(), r.channelId(), r.command(), region, List.of(),
                AuditEntry.Outcome.REQUESTED, "needs approval (request " + r.id() + "): " + r.reason()));
        Reply.Builder reply = Reply.builder().header("Needs approval")
                .body("`" + r.command() + "` needs approval (request " + r.id() + ").")
                .line(r.reason())
                .field("Expires", ApprovalCards.time(r.expiresAt()));
        reply.context(card.isPresent()
                ? "The approval card is in " + cardChannel + ". `cancel " + r.id() + "` withdraws the request."
                : "The approval card could not be posted; an approver can still type `approve " + r.id() + "`.");
        return Optional.of(reply.build());
    }

    private String newId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
