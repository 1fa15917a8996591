package dev.deckhand.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.util.json.GsonFactory;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.CommandRequest;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResponseUrl} writes its JSON with one shared Gson instead of letting Bolt's {@link Responder} build one
 * per post (a third of the workers' CPU under load). What reaches Slack must not change: the same reply posted
 * both ways gives the same bytes, for a result in the channel (blocks, buttons, asker line) and for private progress.
 */
class ResponseUrlJsonTest {

    private static SlackStub stub;

    @BeforeAll
    static void start() {
        stub = new SlackStub();
    }

    @AfterAll
    static void stop() throws Exception {
        stub.close();
    }

    private static final CommandRequest ASKER = new CommandRequest("U1", "C1", "ec2 show web-1 <x> & \"y\"",
            CommandRequest.Origin.SLASH_COMMAND);

    @Test
    void result_postsTheSameJsonAsBoltsResponder() throws Exception {
        Reply reply = Reply.builder().inChannel().header("web-1").body("`i-0abc` is *running* <@U2> & <b>")
                .field("Id", "i-0abc").field("Cost", "$1.20/day").context("Stop it with `ec2 stop web-1`")
                .button(Button.danger("Terminate", "ec2 terminate i-0abc")).build();
        ResponseUrl ours = new ResponseUrl(stub.slack, GsonFactory.createSnakeCase(stub.slack.getConfig()),
                stub.responseUrl("json-ours"), d -> { });

        assertThat(ours.send(reply, ASKER, "/deckhand").delivered()).isTrue();
        new Responder(stub.slack, stub.responseUrl("json-bolt")).send(ActionResponse.builder().responseType("in_channel")
                .replaceOriginal(false).text(BlockKitRenderer.fallbackText(reply))
                .blocks(BlockKitRenderer.render(reply, ResponseUrl.askerLine(reply, ASKER, "/deckhand"))).build());

        assertThat(body("json-ours")).isEqualTo(body("json-bolt")).contains("\"response_type\":\"in_channel\"",
                "\"replace_original\":false", "\"confirm\"");
    }

    @Test
    void progress_postsTheSameJsonAsBoltsResponder() throws Exception {
        Reply step = Reply.ephemeral("Scanning 3 of 17 regions…");
        ResponseUrl ours = new ResponseUrl(stub.slack, GsonFactory.createSnakeCase(stub.slack.getConfig()),
                stub.responseUrl("progress-ours"), d -> { });

        assertThat(ours.progress(step, ASKER).delivered()).isTrue();
        new Responder(stub.slack, stub.responseUrl("progress-bolt")).send(ActionResponse.builder().responseType("ephemeral")
                .replaceOriginal(true).text(BlockKitRenderer.fallbackText(step)).blocks(BlockKitRenderer.render(step))
                .build());

        assertThat(body("progress-ours")).isEqualTo(body("progress-bolt")).contains("\"replace_original\":true");
    }

    private static String body(String id) {
        var found = stub.await(SlackStub.responseUrlRequested(id), 1);
        assertThat(found).hasSize(1);
        return found.get(0).getBodyAsString();
    }
}
