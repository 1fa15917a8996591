package dev.deckhand.approval;

import dev.deckhand.chat.ChatPort.MessageRef;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One request for approval as stored. What runs on approval is exactly {@code command} (with its
 * region explicit) as {@code requester} in {@code channelId}: pinned when the request was made and
 * kept server-side; a button carries only the id.
 *
 * @param id            short random id, shown on the card and typed in {@code approve <id>}
 * @param requester     who asked
 * @param channelId     where they asked; the action runs as if typed there
 * @param command       the pinned command text, e.g. {@code ec2 terminate web-1 --region us-east-1}
 * @param region        the region it acts on
 * @param reason        why it needs approval
 * @param monthlyChange estimated change in USD per month, when known
 * @param state         where it stands
 * @param createdAt     when it was asked
 * @param expiresAt     when it stops being approvable
 * @param card          the posted approval card, once posted
 * @param approvers     who approved so far, in order
 * @param decidedBy     who approved (the last needed approval), denied or cancelled it; empty before
 * @param decidedAt     when that happened
 * @param note          the deny reason, or the outcome of the action
 */
public record ApprovalRequest(String id, String requester, String channelId, String command, String region,
                              String reason, Optional<BigDecimal> monthlyChange, ApprovalState state,
                              Instant createdAt, Instant expiresAt, Optional<MessageRef> card, List<String> approvers,
                              String decidedBy, Optional<Instant> decidedAt, String note) {

    public ApprovalRequest {
        approvers = List.copyOf(approvers);
        decidedBy = decidedBy == null ? "" : decidedBy;
        note = note == null ? "" : note;
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
