package dev.deckhand.dns;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code dns zones|records|point|delete}. A name is only ever written inside a hosted zone the account
 * has; anything else is refused with the list of zones.
 *
 * <p>Records carry no owner tag: a record's owner is read from the instance or Elastic IP it points
 * at now (see {@link PointTargets#ownerOf}), and is unreadable otherwise.
 */
public final class DnsCommands {

    private static final Set<String> POINTABLE = Set.of("A", "AAAA", "CNAME");
    private static final int MAX_LINES = 40;
    private static final String ALIAS = "alias ";
    private static final String ABSENT = "none";
    private static final String ZONE = "Zone";
    private static final String TTL = "TTL";
    private static final String ALIAS_ZONE = "Alias target zone";
    private static final String POINTS_AT = "Points";

    private final DnsService dns;
    private final PointTargets targets;
    private final DnsZones zones;

    public DnsCommands(DnsService dns, PointTargets targets) {
        this.dns = dns;
        this.targets = targets;
        this.zones = new DnsZones(dns);
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("dns zones").usage("dns zones").description("Lists your Route 53 hosted zones")
                        .example("dns zones").handledBy(c -> zones()),
                CommandSpec.command("dns records").usage("dns records <zone>").description("Lists the records of a hosted zone")
                        .example("dns records example.com").args(1, 1).handledBy(this::records),
                CommandSpec.command("dns point").usage("dns point <fqdn> <instance|eip|elb> [--ttl 300] [--dry-run]")
                        .description("Points a name at an instance, an Elastic IP (A record) or a load balancer (alias)")
                        .example("dns point api.example.com web-1").role(Role.DEPLOYER).args(2, 2).flags("ttl", "region")
                        .changes(new Point()),
                CommandSpec.command("dns delete").usage("dns delete <fqdn> [--dry-run]")
                        .description("Deletes the A/AAAA/CNAME records of a name (needs approval)")
                        .example("dns delete api.example.com").role(Role.DEPLOYER).args(1, 1).flags("region")
                        .changes(new Delete()));
    }

    private Reply zones() {
        List<HostedZone> zones = dns.zones();
        if (zones.isEmpty()) {
            return Reply.ephemeral("This AWS account has no Route 53 hosted zones. Create one for your domain in the "
                    + "Route 53 console, then point your registrar at its name servers.");
        }
        Reply.Builder reply = Reply.builder().header("Hosted zones");
        zones.forEach(z -> reply.line("*" + z.name() + "* `" + z.id() + "` " + (z.privateZone() ? "private" : "public")
                + ", " + z.recordCount() + " records"));
        return reply.build();
    }

    private Reply records(CommandContext context) {
        HostedZone zone = zones.named(context.args().positional(0), null);
        List<DnsRecord> records = dns.records(zone.id());
        Reply.Builder reply = Reply.builder().header("Records in " + zone.name());
        records.stream().limit(MAX_LINES).forEach(r -> reply.line("`" + r.describe() + "`"));
        if (records.size() > MAX_LINES) {
            reply.context((records.size() - MAX_LINES) + " more not shown.");
        }
        return reply.build();
    }

    /**
     * {@code dns point}: writes the A record of a name. Overwriting values that lead elsewhere replaces
     * them, so the record's owner (read from what it points at now) matters; a new record, or the same
     * values again, take nothing from anyone.
     */
    private final class Point implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String fqdn = Inputs.domain(context.args().positional(0));
            int ttl = context.args().intFlag("ttl", 300, 30, 86400);
            HostedZone zone = zoneFor(fqdn);
            PointTarget target = targets.resolve(context.region(), context.args().positional(1));
            if (target instanceof PointTarget.Alias && context.args().flag("ttl").isPresent()) {
                // Route 53 ignores a TTL on an alias record: accepting it would promise what does not happen.
                throw new UsageException("--ttl does not apply to " + context.args().positional(1) + ": a load balancer "
                        + "gets an alias record, and alias records take their TTL from the target.",
                        "Leave --ttl out, e.g. `dns point " + fqdn + " " + context.args().positional(1) + "`.");
            }
            DnsRecord record = target instanceof PointTarget.Address a ? DnsRecord.a(fqdn, a.ip(), ttl)
                    : DnsRecord.alias(fqdn, ((PointTarget.Alias) target).dnsName(), ((PointTarget.Alias) target).canonicalHostedZoneId());
            Optional<DnsRecord> existing = dns.records(zone.id()).stream()
                    .filter(r -> r.name().equals(fqdn) && r.type().equals(record.type())).findFirst();
            List<String> before = existing.map(DnsCommands::values).orElse(List.of());
            List<String> after = values(record);
            String what = fqdn + " → " + target.description() + " (" + (target instanceof PointTarget.Address a
                    ? "A " + a.ip() + ", TTL " + ttl : "alias A to " + ((PointTarget.Alias) target).dnsName()) + ") in zone " + zone.name();
            if (existing.isPresent() && before.equals(after) && (record.alias().isPresent() || existing.get().ttl() == ttl)) {
                return context.nothingToDo(fqdn + " already points at " + target.description() + "; nothing changed.");
            }
            Owner owner = existing.map(r -> targets.ownerOf(context.region(), r)).orElseGet(() -> new Owner.User(context.user()));
            Target set = new Target(Kind.DNS_RECORD, recordId(zone, fqdn, record.type()), Target.GLOBAL, owner, "",
                    fqdn + " " + record.type(), existing.map(DnsCommands::fingerprint).orElse(ABSENT));
            Plan.Builder plan = context.newPlan().effect(new Effect.ReplaceRecord(set, before, after))
                    .detail(ZONE, zone.name()).detail(POINTS_AT, what);
            if (target instanceof PointTarget.Alias alias) {
                plan.detail(ALIAS_ZONE, alias.canonicalHostedZoneId());
            } else {
                plan.detail(TTL, String.valueOf(ttl));
            }
            if (target instanceof PointTarget.Address a && !a.warning().isEmpty()) {
                plan.note(a.warning());
            }
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            Effect.ReplaceRecord replace = (Effect.ReplaceRecord) plan.effects().get(0);
            String[] id = replace.target().id().split("/", 3);
            String zoneId = id[0];
            String name = id[1];
            String after = replace.after().get(0);
            DnsRecord record = after.startsWith(ALIAS) ? DnsRecord.alias(name, after.substring(ALIAS.length()),
                    plan.details().get(ALIAS_ZONE))
                    : new DnsRecord(name, id[2], Long.parseLong(plan.details().get(TTL)), replace.after(), Optional.empty());
            dns.upsert(zoneId, record);
            Reply.Builder reply = Reply.builder().inChannel().body("Pointed " + plan.details().get(POINTS_AT) + ".")
                    .context("Resolvers may keep the old answer for up to the old record's TTL.");
            plan.notes().forEach(reply::context);
            return reply.build();
        }
    }

    /** {@code dns delete}: removes the A, AAAA and CNAME records of a name, exactly as the plan saw them. */
    private final class Delete implements Change {
        @Override
        public Plan plan(CommandContext context) {
            String fqdn = Inputs.domain(context.args().positional(0));
            HostedZone zone = zoneFor(fqdn);
            List<DnsRecord> doomed = dns.records(zone.id()).stream()
                    .filter(r -> r.name().equals(fqdn) && POINTABLE.contains(r.type())).toList();
            if (doomed.isEmpty()) {
                return context.nothingToDo("There is no A, AAAA or CNAME record for " + fqdn + " in zone " + zone.name()
                        + "; nothing to delete.");
            }
            Plan.Builder plan = context.newPlan().detail(ZONE, zone.name());
            for (DnsRecord r : doomed) {
                plan.effect(new Effect.Delete(new Target(Kind.DNS_RECORD, recordId(zone, r.name(), r.type()), Target.GLOBAL,
                        targets.ownerOf(context.region(), r), "", r.describe(), fingerprint(r)), Cost.ZERO));
            }
            return plan.build();
        }

        @Override
        public Reply apply(CommandContext context, Plan plan) {
            String zoneId = plan.effects().get(0).target().id().split("/", 3)[0];
            List<DnsRecord> now = dns.records(zoneId);
            List<DnsRecord> doomed = new ArrayList<>();
            for (Effect e : plan.effects()) {
                Target t = e.target();
                DnsRecord record = now.stream().filter(r -> t.id().equals(zoneId + "/" + r.name() + "/" + r.type())).findFirst()
                        .filter(r -> fingerprint(r).equals(t.fingerprint()))
                        .orElseThrow(() -> new UserFacingException("The record " + t.label() + " changed since the plan; "
                                + "nothing was deleted. `dns records " + plan.details().get(ZONE) + "` shows it now."));
                doomed.add(record);
            }
            dns.delete(zoneId, doomed);
            return Reply.inChannel("Deleted " + String.join("; ", doomed.stream().map(DnsRecord::describe).toList())
                    + " from zone " + plan.details().get(ZONE) + ".");
        }
    }

    /** A record set's id: zone, name and type. */
    static String recordId(HostedZone zone, String name, String type) {
        return zone.id() + "/" + name + "/" + type;
    }

    /** What a record leads to, comparable: sorted values, or the alias target without case, dot or dualstack prefix. */
    static List<String> values(DnsRecord record) {
        if (record.alias().isPresent()) {
            String target = record.alias().get().dnsName().toLowerCase().replaceAll("\\.$", "").replaceFirst("^dualstack\\.", "");
            return List.of(ALIAS + target);
        }
        return record.values().stream().sorted().toList();
    }

    /** The state a plan pins: sorted values and TTL, or the alias. */
    static String fingerprint(DnsRecord record) {
        return record.alias().isPresent() ? values(record).get(0)
                : String.join(", ", values(record)) + " TTL " + record.ttl();
    }

    HostedZone zoneFor(String fqdn) {
        return zones.zoneFor(fqdn);
    }
}
