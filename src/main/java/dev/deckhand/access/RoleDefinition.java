package dev.deckhand.access;

import java.util.Set;

/**
 * A role as configured: a name, the built-in level it stands on, and its limits. A custom role
 * ({@code commands} not empty) may run exactly those commands plus whatever a viewer may run.
 *
 * @param name     the name used in config and in {@code grant}
 * @param base     built-in level, used for command requirements and approvals
 * @param commands for custom roles, the commands they may run (e.g. {@code ec2 start}); empty for built-ins
 * @param limits   regions, instance types and disk size this role may use
 */
public record RoleDefinition(String name, Role base, Set<String> commands, Limits limits) {

    public RoleDefinition {
        commands = Set.copyOf(commands);
    }

    public boolean isCustom() {
        return !commands.isEmpty();
    }

    public boolean mayRun(String command, Role required) {
        if (isCustom()) {
            return commands.contains(command) || Role.VIEWER.includes(required);
        }
        return base.includes(required);
    }
}
