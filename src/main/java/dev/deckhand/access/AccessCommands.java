package dev.deckhand.access;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UsageException;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code whoami}, {@code roles}, {@code grant}, {@code revoke}. */
public final class AccessCommands {

    private final AccessPolicy policy;
    private final GrantStore grants;
    private final PermissionChecker checker;

    public AccessCommands(AccessPolicy policy, GrantStore grants, PermissionChecker checker) {
        this.policy = policy;
        this.grants = grants;
        this.checker = checker;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("whoami").usage("whoami").description("Shows your role here and what it allows")
                        .example("whoami").handledBy(this::whoami),
                CommandSpec.command("roles").usage("roles").description("Lists the roles and who holds them")
                        .example("roles").handledBy(c -> roles()),
                CommandSpec.command("grant").usage("grant <user> <role>").description("Gives a user a role (admin)")
                        .example("grant U024BE7LH deployer").role(Role.ADMIN).args(2, 2).mutating().handledBy(this::grant),
                CommandSpec.command("revoke").usage("revoke <user>")
                        .description("Takes back a role given with grant (admin)")
                        .example("revoke U024BE7LH").role(Role.ADMIN).args(1, 1).mutating().handledBy(this::revoke));
    }

    private Reply whoami(CommandContext context) {
        RoleDefinition role = checker.effectiveRole(context.user(), context.channel());
        Limits limits = role.limits();
        Reply.Builder reply = Reply.builder().header("You are " + context.user())
                .field("Role", role.name() + (role.isCustom() ? " (custom, on " + role.base().label() + ")" : ""))
                .field("Regions", any(limits.regions()))
                .field("Instance types", any(limits.instanceTypes()))
                .field("Max disk", limits.maxDiskGb() <= 0 ? "no limit" : limits.maxDiskGb() + " GB")
                .field("Channel region", context.region());
        if (role.isCustom()) {
            reply.context("Commands: " + String.join(", ", role.commands().stream().sorted().toList()));
        }
        return reply.build();
    }

    private Reply roles() {
        Map<String, String> holders = new TreeMap<>(policy.users());
        holders.putAll(grants.all());
        Reply.Builder reply = Reply.builder().header("Roles");
        for (String name : policy.roleNames()) {
            RoleDefinition role = policy.role(name).orElseThrow();
            List<String> users = holders.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList();
            reply.line("*" + name + "*" + (role.isCustom() ? " (custom, on " + role.base().label() + ")" : "")
                    + (name.equals(policy.defaultRole()) ? " (default)" : "")
                    + ": " + (users.isEmpty() ? "nobody named" : String.join(", ", users)));
        }
        if (!policy.channels().isEmpty()) {
            reply.context("Channel roles: " + policy.channels());
        }
        return reply.build();
    }

    private Reply grant(CommandContext context) {
        String user = context.args().positional(0);
        String roleName = context.args().positional(1).toLowerCase();
        if (policy.role(roleName).isEmpty()) {
            throw new UsageException("There is no role '" + roleName + "'.",
                    "Roles: " + String.join(", ", policy.roleNames()) + ".");
        }
        grants.grant(user, roleName, context.user());
        context.touched("user:" + user);
        return Reply.builder().inChannel().body(context.user() + " gave " + user + " the role " + roleName + ".").build();
    }

    private Reply revoke(CommandContext context) {
        String user = context.args().positional(0);
        if (!grants.revoke(user)) {
            return Reply.ephemeral(user + " has no role given in chat; roles in config/deckhand.yml are changed there.");
        }
        context.touched("user:" + user);
        String now = checker.effectiveRole(user, "").name();
        return Reply.builder().inChannel().body(context.user() + " took back " + user + "'s granted role; "
                + user + " is now " + now + ".").build();
    }

    private static String any(List<String> values) {
        return values.isEmpty() ? "any" : String.join(", ", values);
    }
}
