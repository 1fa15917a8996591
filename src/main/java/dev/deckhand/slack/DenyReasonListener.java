package dev.deckhand.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.validate.UrlMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The Deny dialog submitted ({@code view_submission}, callback {@value DenyReasonModal#CALLBACK_ID}):
 * runs {@code deny <id> <reason>} as the submitting user in the card's channel, through the router, so
 * the approver role and "never the requester" are checked as for typed text. An empty reason is sent
 * back to the dialog. The dialog closes at once; the answer (done or refused) is shown to the user with
 * {@code chat.postEphemeral}, as a submission has no response_url. The same view submitted twice
 * (Slack's retry) runs once.
 */
final class DenyReasonListener implements ViewSubmissionHandler {

    private static final Logger log = LoggerFactory.getLogger(DenyReasonListener.class);

    private final CommandIntake intake;

    DenyReasonListener(CommandIntake intake) {
        this.intake = intake;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = req.getPayload();
        String requestId = SlashCommandListener.requestId(req);
        Optional<DenyReasonModal.Metadata> metadata = DenyReasonModal.Metadata.decode(p.getView().getPrivateMetadata());
        if (metadata.isEmpty()) {
            log.warn("[req {}] Deny dialog from {} without its request id and channel; nothing runs", requestId,
                    p.getUser().getId());
            return ctx.ackWithErrors(Map.of(DenyReasonModal.BLOCK_ID,
                    "This dialog lost track of its request. Type `deny <id> <reason>` instead."));
        }
        String reason = DenyReasonModal.reason(p.getView());
        Optional<String> problem = DenyReasonModal.problem(reason);
        if (problem.isPresent()) {
            return ctx.ackWithErrors(Map.of(DenyReasonModal.BLOCK_ID, problem.get()));
        }
        String key = "view:" + p.getView().getId();
        if (!intake.deliveries().firstDelivery(key)) {
            log.info("[req {}] Duplicate submission of the deny dialog {}; not run again", requestId, p.getView().getId());
            return ctx.ack();
        }
        CommandRequest request = new CommandRequest(p.getUser().getId(), metadata.get().channelId(),
                DenyReasonModal.command(metadata.get().approvalId(), reason), CommandRequest.Origin.BUTTON);
        log.info("[req {}] Deny dialog from {} in {}: {}", requestId, request.userId(), request.channelId(),
                UrlMask.inText(request.text()));
        if (!intake.runner().submit(() -> intake.runner().runAndPost(request, requestId))) {
            intake.deliveries().forget(key);
            return ctx.ackWithErrors(Map.of(DenyReasonModal.BLOCK_ID, CommandIntake.busy().body()));
        }
        return ctx.ack();
    }
}
