package dev.deckhand.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens to a {@code POST /slack/events} once its whole body is in: the signature is checked
 * over the untouched bytes, a replay of an earlier request is refused, the payload is parsed by Bolt's
 * own {@link SlackRequestParser} and checked for the fields Deckhand needs, and only then does
 * {@link App#run} see it. Every refusal is logged with the request id and runs nothing.
 */
final class SignedEndpoint {

    /** Carries the request id from the HTTP front to the listeners, which name it in their log lines. */
    static final String REQUEST_ID_HEADER = "X-Deckhand-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(SignedEndpoint.class);

    private final App app;
    private final SlackRequestParser parser;
    private final SignatureGate gate;
    private final ReplayGuard replays;

    SignedEndpoint(App app, SignatureGate gate, ReplayGuard replays) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.gate = gate;
        this.replays = replays;
    }

    HttpAnswer handle(String requestId, byte[] body, Map<String, List<String>> headers, String rawQuery, String remote)
            throws Exception {
        String timestamp = first(headers, SignatureGate.TIMESTAMP_HEADER);
        String signature = first(headers, SignatureGate.SIGNATURE_HEADER);
        Optional<String> refused = gate.rejection(timestamp, signature, body);
        if (refused.isPresent()) {
            log.info("[req {}] Refused a request from {}: {}", requestId, remote, refused.get());
            return HttpAnswer.error(401, "invalid request");
        }
        if (!replays.firstSight(signature.strip())) {
            // Answered like a duplicate delivery (an empty acknowledgement), so a retry Slack itself sends with
            // the same signature shows the user nothing odd; what matters is that nothing runs.
            log.warn("[req {}] Refused a replay from {}: this signed request was already handled; nothing runs",
                    requestId, remote);
            return new HttpAnswer(200, null, "", Map.of());
        }
        Map<String, List<String>> withId = new HashMap<>(headers);
        withId.put(REQUEST_ID_HEADER, List.of(requestId));
        Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(SlackHttpServer.EVENTS_PATH)
                    .queryString(QueryStringParser.toMap(rawQuery))
                    .headers(new RequestHeaders(withId))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .remoteAddress(remote)
                    .build());
        } catch (RuntimeException e) {
            // Bolt's parser throws on a payload that is not JSON; say so instead of closing the connection.
            log.warn("[req {}] Signed but malformed payload from {}: {}", requestId, remote, e.toString());
            return HttpAnswer.error(400, "malformed payload");
        }
        Optional<String> malformed = missingFields(request);
        if (malformed.isPresent()) {
            log.warn("[req {}] Signed but malformed payload from {}: {}", requestId, remote, malformed.get());
            return HttpAnswer.error(400, "malformed payload");
        }
        Response response = app.run(request);
        return new HttpAnswer(response.getStatusCode() == null ? 200 : response.getStatusCode(),
                response.getContentType(), response.getBody(),
                response.getHeaders() == null ? Map.of() : response.getHeaders());
    }

    /** A request Bolt could not classify, or one without the user, channel or text Deckhand acts on. */
    private static Optional<String> missingFields(Request<?> request) {
        if (request == null) {
            return Optional.of("not a slash command or interaction");
        }
        if (request instanceof SlashCommandRequest command) {
            var p = command.getPayload();
            if (p == null || blank(p.getUserId()) || blank(p.getChannelId()) || blank(p.getCommand()) || p.getText() == null) {
                return Optional.of("slash command without user_id, channel_id, command or text");
            }
        }
        if (request instanceof BlockActionRequest click) {
            var p = click.getPayload();
            if (p == null || p.getUser() == null || p.getActions() == null || p.getActions().isEmpty()) {
                return Optional.of("block_actions without user or actions");
            }
        }
        if (request instanceof ViewSubmissionRequest submission) {
            var p = submission.getPayload();
            if (p == null || p.getUser() == null || blank(p.getUser().getId()) || p.getView() == null
                    || blank(p.getView().getId())) {
                return Optional.of("view_submission without user or view");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
