package dev.deckhand.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as JSON, for the audit row and the approval request: structured, so that what was applied
 * can be read back by a tool, not only by a person.
 */
public final class PlanJson {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private PlanJson() {
    }

    public static String write(Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plan.id());
        out.put("command", plan.command());
        out.put("requester", plan.requester());
        out.put("region", plan.region());
        if (!plan.account().isEmpty()) {
            out.put("account", plan.account());
        }
        List<Map<String, Object>> effects = new ArrayList<>();
        for (Effect e : plan.effects()) {
            Map<String, Object> effect = new LinkedHashMap<>();
            effect.put("effect", e.getClass().getSimpleName());
            effect.put("describe", e.describe());
            effect.put("destructive", e.destructive());
            effect.put("monthlyChange", cost(e.monthlyChange()));
            effect.put("target", target(e.target()));
            List<Map<String, Object>> touches = e.touches().stream().filter(t -> !t.equals(e.target()))
                    .map(PlanJson::target).toList();
            if (!touches.isEmpty()) {
                effect.put("touches", touches);
            }
            effects.add(effect);
        }
        out.put("effects", effects);
        out.put("monthlyChange", cost(plan.monthlyChange()));
        if (!plan.details().isEmpty()) {
            out.put("details", plan.details());
        }
        if (!plan.notes().isEmpty()) {
            out.put("notes", plan.notes());
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan is made of strings and numbers", e);
        }
    }

    private static Map<String, Object> target(Target t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", t.kind().name());
        out.put("id", t.id());
        out.put("region", t.region());
        if (!t.account().isEmpty()) {
            out.put("account", t.account());
        }
        out.put("owner", t.owner().describe());
        if (!t.stack().isEmpty()) {
            out.put("stack", t.stack());
        }
        out.put("label", t.label());
        if (!t.fingerprint().isEmpty()) {
            out.put("fingerprint", t.fingerprint());
        }
        return out;
    }

    private static Object cost(Cost cost) {
        return cost instanceof Cost.Known k ? k.usdPerMonth() : Map.of("unknown", ((Cost.Unknown) cost).reason());
    }
}
