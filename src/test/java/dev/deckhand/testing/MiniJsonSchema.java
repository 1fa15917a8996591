package dev.deckhand.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Schema (2020-12) that docs/scan.schema.json uses: type (one or several), enum,
 * required, properties, additionalProperties (false or a schema) and items. No validator library is
 * served offline here; this is enough to hold the output to its documented shape.
 */
public final class MiniJsonSchema {

    private MiniJsonSchema() {
    }

    /** Every violation, as "path: what"; empty when the document fits. */
    public static List<String> violations(JsonNode schema, JsonNode doc) {
        List<String> out = new ArrayList<>();
        check(schema, doc, "$", out);
        return out;
    }

    private static void check(JsonNode schema, JsonNode node, String path, List<String> out) {
        JsonNode type = schema.get("type");
        if (type != null) {
            boolean ok = false;
            for (JsonNode t : type.isArray() ? type : List.of(type)) {
                ok |= fits(t.asText(), node);
            }
            if (!ok) {
                out.add(path + ": expected " + type + ", got " + node.getNodeType());
                return;
            }
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean ok = false;
            for (JsonNode v : allowed) {
                ok |= v.equals(node);
            }
            if (!ok) {
                out.add(path + ": " + node + " not in " + allowed);
            }
        }
        if (node.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!node.has(r.asText())) {
                    out.add(path + ": missing " + r.asText());
                }
            }
            JsonNode props = schema.path("properties");
            JsonNode extra = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (props.has(field.getKey())) {
                    check(props.get(field.getKey()), field.getValue(), path + "." + field.getKey(), out);
                } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
                    out.add(path + ": unexpected " + field.getKey());
                } else if (extra != null && extra.isObject()) {
                    check(extra, field.getValue(), path + "." + field.getKey(), out);
                }
            }
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(schema.get("items"), node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static boolean fits(String type, JsonNode node) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "null" -> node.isNull();
            default -> false;
        };
    }
}
