package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import com.slack.api.methods.SlackApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * A click on a Deckhand button ({@code action_id deckhand:...}). The button's value is only the
 * command text: it runs as the <em>clicking</em> user in the channel where the click happened, with
 * {@link CommandRequest.Origin#BUTTON}, through the same triage, router and permission check as typed
 * text. Slack only accepts an empty acknowledgement for clicks, so every answer goes to the click's
 * response_url. The same user clicking the same button of the same message again within the
 * duplicate window (a double click, a replay) runs it once.
 */
final class ButtonClickListener implements BlockActionHandler {

    private static final Logger log = LoggerFactory.getLogger(ButtonClickListener.class);

    private final CommandIntake intake;

    ButtonClickListener(CommandIntake intake) {
        this.intake = intake;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload p = req.getPayload();
        String requestId = SlashCommandListener.requestId(req);
        BlockActionPayload.Action action = p.getActions() == null ? null : p.getActions().stream()
                .filter(a -> a.getActionId() != null && a.getActionId().startsWith(BlockKitRenderer.ACTION_PREFIX))
                .findFirst().orElse(null);
        String channel = p.getChannel() != null ? p.getChannel().getId()
                : p.getContainer() != null ? p.getContainer().getChannelId() : null;
        if (action == null || action.getValue() == null || p.getUser() == null || channel == null) {
            log.warn("Ignoring a click without a Deckhand action, user or channel");
            return ctx.ack();
        }
        Optional<String> denied = DenyReasonModal.approvalIdOf(action.getValue());
        if (denied.isPresent()) {
            // Opening the dialog changes nothing, so it is not de-duplicated: a dialog closed by mistake can be reopened.
            askReason(ctx, p, denied.get(), channel, requestId);
            return ctx.ack();
        }
        String messageTs = p.getContainer() != null ? p.getContainer().getMessageTs() : action.getActionTs();
        String key = "click:" + p.getUser().getId() + ":" + channel + ":" + messageTs + ":" + action.getActionId();
        if (!intake.deliveries().firstDelivery(key)) {
            log.info("[req {}] Duplicate click on '{}' by {}; not run again", requestId, action.getValue(), p.getUser().getId());
            return ctx.ack();
        }
        CommandRequest request = new CommandRequest(p.getUser().getId(), channel, action.getValue(),
                CommandRequest.Origin.BUTTON);
        log.info("[req {}] Button from {} in {}: {}", requestId, request.userId(), channel, UrlMask.inText(request.text()));
        ResponseUrl target = intake.responseUrl(p.getResponseUrl());
        boolean queued = intake.runner().submit(() -> {
            Triage.Plan plan = intake.triage().plan(request);
            if (plan instanceof Triage.Plan.Answer answer) {
                intake.runner().deliver(answer.reply(), request, target, requestId);
            } else {
                target.send(Reply.ephemeral(((Triage.Plan.Defer) plan).ack()), request, intake.slashCommand());
                intake.runner().runAndDeliver(request, target, requestId);
            }
        });
        if (!queued) {
            intake.deliveries().forget(key);
            target.send(CommandIntake.busy(), request, intake.slashCommand());
        }
        return ctx.ack();
    }

    /**
     * Opens the Deny dialog with the click's trigger_id (valid for 3 seconds, so it is done before the
     * acknowledgement). If Slack refuses, the user is told how to deny by typing instead.
     */
    private void askReason(ActionContext ctx, BlockActionPayload p, String approvalId, String channel, String requestId) {
        String problem;
        try {
            var opened = ctx.client().viewsOpen(r -> r.triggerId(p.getTriggerId())
                    .view(DenyReasonModal.view(new DenyReasonModal.Metadata(approvalId, channel))));
            if (opened.isOk()) {
                log.info("[req {}] Deny of {} clicked by {}: asked for the reason", requestId, approvalId, p.getUser().getId());
                return;
            }
            problem = opened.getError();
        } catch (IOException | SlackApiException e) {
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        log.warn("[req {}] views.open failed for the deny dialog of {}: {}", requestId, approvalId, problem);
        CommandRequest asker = new CommandRequest(p.getUser().getId(), channel, "deny " + approvalId,
                CommandRequest.Origin.BUTTON);
        ResponseUrl target = intake.responseUrl(p.getResponseUrl());
        intake.runner().submit(() -> target.send(Reply.ephemeral("Slack did not open the dialog for the reason, so "
                + "nothing was denied. Click Deny again, or type `deny " + approvalId + " <reason>`."), asker,
                intake.slashCommand()));
    }
}
