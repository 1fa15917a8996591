package dev.deckhand.slack;

import dev.deckhand.validate.UrlMask;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /deckhand <text>}: answers within the request when {@link Triage} says it is cheap, otherwise
 * acknowledges at once ("Working on ...") and hands the command to the {@link CommandRunner}. A
 * delivery already seen (same {@code trigger_id}: a retry or a replay) is acknowledged and not run.
 */
final class SlashCommandListener implements SlashCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SlashCommandListener.class);

    private final CommandIntake intake;

    SlashCommandListener(CommandIntake intake) {
        this.intake = intake;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        String requestId = SlashCommandListener.requestId(req);
        String key = "command:" + p.getTeamId() + ":" + (p.getTriggerId() != null ? p.getTriggerId()
                : p.getUserId() + ":" + p.getChannelId() + ":" + p.getText() + ":" + retryless(req));
        if (!intake.deliveries().firstDelivery(key)) {
            log.info("[req {}] Duplicate delivery of '{}' from {} (retry {}); not run again", requestId, UrlMask.inText(p.getText()), p.getUserId(),
                    req.getHeaders().getFirstValue("X-Slack-Retry-Num"));
            return ctx.ack();
        }
        CommandRequest request = new CommandRequest(p.getUserId(), p.getChannelId(), p.getText(),
                CommandRequest.Origin.SLASH_COMMAND);
        log.info("[req {}] {} from {} in {}: {}", requestId, intake.slashCommand(), request.userId(), request.channelId(),
                UrlMask.inText(request.text()));
        Triage.Plan plan = intake.triage().plan(request);
        if (plan instanceof Triage.Plan.Answer answer && BlockKitRenderer.parts(answer.reply()).size() == 1) {
            log.info("[req {}] Answered in the acknowledgement", requestId);
            return ctx.ack(ack(answer.reply(), request));
        }
        ResponseUrl target = intake.responseUrl(p.getResponseUrl());
        // An answer longer than one message cannot go in the acknowledgement: its parts go to response_url in order.
        Runnable work = plan instanceof Triage.Plan.Answer answer
                ? () -> intake.runner().deliver(answer.reply(), request, target, requestId)
                : () -> intake.runner().runAndDeliver(request, target, requestId);
        if (!intake.runner().submit(work)) {
            intake.deliveries().forget(key);
            log.info("[req {}] Workers busy; nothing run", requestId);
            return ctx.ack(ack(CommandIntake.busy(), request));
        }
        String working = plan instanceof Triage.Plan.Defer defer ? defer.ack() : ":hourglass_flowing_sand: Sending it in parts…";
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(BlockKitRenderer.escape(working)).build());
    }

    private SlashCommandResponse ack(Reply reply, CommandRequest request) {
        return SlashCommandResponse.builder()
                .responseType(reply.isInChannel() ? "in_channel" : "ephemeral")
                .text(BlockKitRenderer.fallbackText(reply))
                .blocks(BlockKitRenderer.render(reply, ResponseUrl.askerLine(reply, request, intake.slashCommand())))
                .build();
    }

    /** The id the HTTP front gave this request (Socket Mode: Slack's envelope has none, so one is made up). */
    static String requestId(com.slack.api.bolt.request.Request<?> req) {
        return req.getHeaders().getFirstValue(SignedEndpoint.REQUEST_ID_HEADER) != null
                ? req.getHeaders().getFirstValue(SignedEndpoint.REQUEST_ID_HEADER)
                : "sm-" + Long.toString(System.nanoTime() & 0xffffffL, 36);
    }

    /** Without a trigger id, the request timestamp tells a Slack retry (same) from a new command. */
    private static String retryless(SlashCommandRequest req) {
        return String.valueOf(req.getHeaders().getFirstValue("X-Slack-Request-Timestamp"));
    }
}
