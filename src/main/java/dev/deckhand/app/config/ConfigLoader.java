package dev.deckhand.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads config/deckhand.yml, lets {@code DECKHAND_<PATH>} environment variables override any key the
 * file has (camelCase becomes UPPER_SNAKE, nesting becomes {@code _}: {@code aws.defaultRegion} is
 * {@code DECKHAND_AWS_DEFAULT_REGION}; lists are comma-separated), and checks every value.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static DeckhandConfig load(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found. Start Deckhand from its folder, or pass --config <file>.");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), text, env);
    }

    public static DeckhandConfig parse(String source, String yaml, Map<String, String> env) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new ConfigException(source + ": expected keys at the top level (aws, store, access, ...)");
        }
        applyOverrides(root, "DECKHAND", env);
        DeckhandConfig config;
        try {
            config = YAML.treeToValue(root, DeckhandConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(source + ": " + path(e.getPath()) + ": unknown key. Known keys here: "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ConfigException(source + ": " + path(e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    ? m.getPath() : List.of()) + ": " + e.getOriginalMessage());
        }
        new ConfigValidator(source).validate(config);
        return config.withSource(source);
    }

    /**
     * Checks every command name the config mentions against the commands that exist: {@code approvals.actions},
     * roles' {@code commands} and {@code slack.instantCommands}. A name that is no command (a typo in
     * {@code approvals.actions} would otherwise let the command it meant run without approval) fails,
     * naming the entry and the closest real command. Run once every command is registered.
     *
     * @throws ConfigException naming the file, the key and the nearest command
     */
    public static void checkCommandNames(DeckhandConfig config, java.util.Collection<String> commands) {
        new ConfigValidator(config.source()).validateCommandNames(config, commands);
    }

    private static void applyOverrides(ObjectNode node, String prefix, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<Map.Entry<String, JsonNode>> snapshot = new ArrayList<>();
        fields.forEachRemaining(snapshot::add);
        for (Map.Entry<String, JsonNode> field : snapshot) {
            String name = prefix + "_" + toEnvName(field.getKey());
            JsonNode value = field.getValue();
            if (value instanceof ObjectNode child && !isFreeFormMap(field.getKey())) {
                applyOverrides(child, name, env);
                continue;
            }
            String override = env.get(name);
            if (override == null) {
                continue;
            }
            if (value instanceof ArrayNode) {
                ArrayNode list = node.putArray(field.getKey());
                for (String item : override.split(",")) {
                    if (!item.isBlank()) {
                        list.add(item.strip());
                    }
                }
            } else {
                node.set(field.getKey(), TextNode.valueOf(override));
            }
        }
    }

    /** Maps keyed by user, channel or role name are data, not structure: they are not overridden key by key. */
    private static boolean isFreeFormMap(String key) {
        return key.equals("users") || key.equals("channels") || key.equals("roles");
    }

    static String toEnvName(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toUpperCase();
    }

    private static String path(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (var ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }
}
