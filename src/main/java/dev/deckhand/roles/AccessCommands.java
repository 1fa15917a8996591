package dev.deckhand.roles;

import dev.deckhand.accounts.Accounts;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.access.RoleAssignments;
import dev.deckhand.access.GrantStore;
import dev.deckhand.access.Limits;
import dev.deckhand.access.PermissionChecker;
import dev.deckhand.access.Role;
import dev.deckhand.access.RoleDefinition;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.UsageException;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code whoami}, {@code roles}, {@code grant}, {@code revoke}: the chat side of roles. Grants and
 * revocations are changes like any other: planned as a {@code ChangeSetting} of the user's role (before
 * and after), judged by the policy (role grants need admin, whatever a custom role lists) and audited.
 * They live outside {@code access} so that the policy package does not depend on the command package.
 */
public final class AccessCommands {

    private final AccessPolicy policy;
    private final GrantStore grants;
    private final PermissionChecker checker;

    private final Accounts accounts;

    public AccessCommands(AccessPolicy policy, GrantStore grants, PermissionChecker checker) {
        this(policy, grants, checker, Accounts.none());
    }

    /** @param accounts aws.accounts: {@code grant U1 deployer@dev} names one of them */
    public AccessCommands(AccessPolicy policy, GrantStore grants, PermissionChecker checker, Accounts accounts) {
        this.policy = policy;
        this.grants = grants;
        this.checker = checker;
        this.accounts = accounts;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("whoami").usage("whoami").description("Shows your role here and what it allows")
                        .example("whoami").handledBy(this::whoami),
                CommandSpec.command("roles").usage("roles").description("Lists the roles and who holds them")
                        .example("roles").handledBy(c -> roles()),
                CommandSpec.command("grant").usage("grant <user> <role>[@<account>]").description("Gives a user a role, everywhere or in one account (admin)")
                        .example("grant U024BE7LH deployer").role(Role.ADMIN).args(2, 2).changes(new Grant()),
                CommandSpec.command("revoke").usage("revoke <user>")
                        .description("Takes back a role given with grant (admin)")
                        .example("revoke U024BE7LH").role(Role.ADMIN).args(1, 1).changes(new Revoke()));
    }

    private Reply whoami(CommandContext context) {
        String account = dev.deckhand.accounts.CallerScope.currentAccount();
        RoleDefinition role = account.isEmpty() ? checker.effectiveRole(context.user(), context.channel())
                : checker.effectiveRole(context.user(), context.channel(), account).orElse(null);
        if (role == null) {
            return Reply.builder().header("You are " + context.user())
                    .body("You have no role in account " + account + ".").build();
        }
        Limits limits = role.limits();
        Reply.Builder reply = Reply.builder().header("You are " + context.user())
                .field("Role", role.name() + (role.isCustom() ? " (custom, on " + role.base().label() + ")" : ""))
                .field("Regions", any(limits.regions()))
                .field("Instance types", any(limits.instanceTypes()))
                .field("Max disk", limits.maxDiskGb() <= 0 ? "no limit" : limits.maxDiskGb() + " GB")
                .field("Channel region", accounts.label(account, context.region()));
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
            List<String> users = holders.entrySet().stream().filter(e -> RoleAssignments.parse(e.getValue()).names().contains(name))
                    .map(e -> e.getValue().contains("@") ? e.getKey() + " (" + e.getValue() + ")" : e.getKey()).toList();
            reply.line("*" + name + "*" + (role.isCustom() ? " (custom, on " + role.base().label() + ")" : "")
                    + (name.equals(policy.defaultRole()) ? " (default)" : "")
                    + ": " + (users.isEmpty() ? "nobody named" : String.join(", ", users)));
        }
        if (!policy.channels().isEmpty()) {
            reply.context("Channel roles: " + policy.channels());
        }
        return reply.build();
    }

    /** A user's role as a setting: what the plan changes, with the role before as its fingerprint. */
    private static Target roleOf(String user, String now) {
        return new Target(Kind.GRANT, "user:" + user, Target.GLOBAL, new Owner.Nobody(), "", user + "'s role", now);
    }

    /** What {@code user} holds where no channel lifts it: a grant, else config, else the default. */
    private String roleNow(String user) {
        return checker.effectiveRole(user, "").name();
    }

    private final class Grant implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String user = userId(context.args().positional(0));
            String wanted = context.args().positional(1).toLowerCase(java.util.Locale.ROOT);
            int at = wanted.indexOf('@');
            String roleName = at < 0 ? wanted : wanted.substring(0, at);
            if (policy.role(roleName).isEmpty()) {
                throw new UsageException("There is no role '" + roleName + "'.",
                        "Roles: " + String.join(", ", policy.roleNames()) + ".");
            }
            if (at >= 0) {
                // deployer@dev: that role in that account, the user's roles elsewhere kept.
                String account = accounts.require(wanted.substring(at + 1)).name();
                String inForce = grants.roleOf(user).or(() -> java.util.Optional.ofNullable(policy.users().get(user)))
                        .orElse(policy.defaultRole());
                String after = RoleAssignments.parse(inForce).with(account, roleName).render();
                if (grants.roleOf(user).filter(after::equals).isPresent()) {
                    return context.nothingToDo(user + " already has the roles " + after + " (given in chat).");
                }
                return context.newPlan().effect(new Effect.ChangeSetting(roleOf(user, inForce), inForce, after)).build();
            }
            if (grants.roleOf(user).filter(roleName::equals).isPresent()) {
                return context.nothingToDo(user + " already has the role " + roleName + " (given in chat).");
            }
            String before = roleNow(user);
            return context.newPlan().effect(new Effect.ChangeSetting(roleOf(user, before), before, roleName)).build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Effect.ChangeSetting change = (Effect.ChangeSetting) plan.effects().get(0);
            String user = userId(context.args().positional(0));
            grants.grant(user, change.after(), context.user());
            return Reply.builder().inChannel().body(context.user() + " gave " + user + " the role " + change.after() + ".")
                    .build();
        }
    }

    private final class Revoke implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String user = userId(context.args().positional(0));
            if (grants.roleOf(user).isEmpty()) {
                return context.nothingToDo(user + " has no role given in chat; roles in config/deckhand.yml are changed there.");
            }
            String before = roleNow(user);
            String after = policy.role(policy.users().getOrDefault(user, policy.defaultRole()))
                    .orElseGet(() -> policy.role(policy.defaultRole()).orElseThrow()).name();
            return context.newPlan().effect(new Effect.ChangeSetting(roleOf(user, before), before, after)).build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            String user = userId(context.args().positional(0));
            grants.revoke(user);
            return Reply.builder().inChannel().body(context.user() + " took back " + user + "'s granted role; "
                    + user + " is now " + roleNow(user) + ".").build();
        }
    }

    private static final java.util.regex.Pattern MENTION = java.util.regex.Pattern.compile("<@([UW][A-Z0-9]+)(\\|[^>]*)?>");
    /** A Slack user id (U…/W…) or a console user name: letters, digits, _ . - */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /**
     * The user id a grant is stored under: a Slack mention ({@code <@U024BE7LH|alice>}) is resolved to its
     * id; anything that is not an id of the platform's form (empty, a display name, a channel) is refused,
     * since a grant stored under it would never match anyone.
     */
    static String userId(String raw) {
        String typed = raw == null ? "" : raw.strip();
        var mention = MENTION.matcher(typed);
        if (mention.matches()) {
            return mention.group(1);
        }
        String example = "e.g. `grant U024BE7LH deployer` or `grant <@U024BE7LH> deployer` (type @ and pick the person).";
        if (typed.startsWith("@")) {
            throw new UsageException("'" + shown(typed) + "' is a display name, not a user id.",
                    "Mention the person so Slack sends their id, " + example);
        }
        if (!ID.matcher(typed).matches()) {
            throw new UsageException("'" + shown(typed) + "' is not a user id.",
                    "A Slack user id looks like U024BE7LH (a console user: letters, digits, _ . -), " + example);
        }
        return typed;
    }

    private static String shown(String typed) {
        return typed.length() > 40 ? typed.substring(0, 40) + "…" : typed;
    }

    private static String any(List<String> values) {
        return values.isEmpty() ? "any" : String.join(", ", values);
    }
}
