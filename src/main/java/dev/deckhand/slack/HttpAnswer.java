package dev.deckhand.slack;

import java.util.List;
import java.util.Map;

/** One HTTP answer, whatever produced it (Bolt, a refusal, the health check). */
record HttpAnswer(int status, String contentType, String body, Map<String, List<String>> headers) {

    static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, "application/json", body, Map.of());
    }

    static HttpAnswer error(int status, String message) {
        return json(status, "{\"error\":\"" + message + "\"}");
    }
}
