package dev.deckhand.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs Socket Mode envelopes through the Bolt app and acknowledges each with its {@code envelope_id}.
 * Needed because Bolt's {@code SocketModeApp(Supplier, App)} (the constructor that lets Deckhand watch the
 * client before it connects) attaches no such listener: without this, commands arrived and were never run
 * or acknowledged. Mirrors what Bolt does for the clients it builds itself.
 */
final class SocketModeBridge {

    private static final Logger log = LoggerFactory.getLogger(SocketModeBridge.class);
    private static final Gson GSON = new Gson();

    private SocketModeBridge() {
    }

    static void attach(SocketModeClient client, App app) {
        SocketModeRequestParser parser = new SocketModeRequestParser(app.config());
        client.addWebSocketMessageListener(message -> {
            SocketModeRequest request;
            try {
                request = parser.parse(message);
            } catch (RuntimeException e) {
                log.warn("Socket Mode: a message Slack sent could not be read ({}); ignored", e.toString());
                return;
            }
            if (request == null || request.getEnvelope() == null || request.getBoltRequest() == null) {
                return; // hello, disconnect and other link messages carry no envelope
            }
            String envelopeId = request.getEnvelope().getEnvelopeId();
            try {
                Response response = app.run(request.getBoltRequest());
                client.sendSocketModeResponse(ack(envelopeId, response));
            } catch (Exception e) {
                log.warn("Socket Mode: envelope {} failed ({}); acknowledged without a payload", envelopeId, e.toString());
                client.sendSocketModeResponse(new AckResponse(envelopeId));
            }
        });
    }

    /** {@code {"envelope_id":..., "payload":...}}: the acknowledgement, with the listener's answer when there is one. */
    static String ack(String envelopeId, Response response) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        String body = response == null ? null : response.getBody();
        if (body != null && !body.isBlank()) {
            String type = response.getContentType();
            ack.put("payload", type != null && type.startsWith("application/json")
                    ? GSON.fromJson(body, JsonElement.class) : Map.of("text", body));
        }
        return GSON.toJson(ack);
    }
}
