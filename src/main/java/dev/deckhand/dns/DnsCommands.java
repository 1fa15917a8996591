package dev.deckhand.dns;

import dev.deckhand.access.Role;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.validate.Inputs;

import java.util.List;
import java.util.Set;

/**
 * {@code dns zones|records|point|delete}. A name is only ever written inside a hosted zone the account
 * has; anything else is refused with the list of zones.
 *
 * <p>{@code dns delete} needs the admin role until the approval layer gates it.
 */
public final class DnsCommands {

    private static final Set<String> POINTABLE = Set.of("A", "AAAA", "CNAME");
    private static final int MAX_LINES = 40;

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
                        .switches("dry-run").mutating().handledBy(this::point),
                // Admin until approvals gate it (approvals.actions lists "dns delete").
                CommandSpec.command("dns delete").usage("dns delete <fqdn> [--dry-run]")
                        .description("Deletes the A/AAAA/CNAME records of a name (needs approval)")
                        .example("dns delete api.example.com").role(Role.DEPLOYER).args(1, 1).switches("dry-run")
                        .mutating().handledBy(this::delete));
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

    private Reply point(CommandContext context) {
        String fqdn = Inputs.domain(context.args().positional(0));
        int ttl = context.args().intFlag("ttl", 300, 30, 86400);
        HostedZone zone = zoneFor(fqdn);
        PointTarget target = targets.resolve(context.region(), context.args().positional(1));
        DnsRecord record = target instanceof PointTarget.Address a ? DnsRecord.a(fqdn, a.ip(), ttl)
                : DnsRecord.alias(fqdn, ((PointTarget.Alias) target).dnsName(), ((PointTarget.Alias) target).canonicalHostedZoneId());
        String what = fqdn + " → " + target.description() + " (" + (target instanceof PointTarget.Address a
                ? "A " + a.ip() + ", TTL " + ttl : "alias A to " + ((PointTarget.Alias) target).dnsName()) + ") in zone " + zone.name();
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would point " + what + ". Nothing was changed.");
        }
        dns.upsert(zone.id(), record);
        context.touched(fqdn);
        Reply.Builder reply = Reply.builder().inChannel().body("Pointed " + what + ".")
                .context("Resolvers may keep the old answer for up to the old record's TTL.");
        if (target instanceof PointTarget.Address a && !a.warning().isEmpty()) {
            reply.context(a.warning());
        }
        return reply.build();
    }

    private Reply delete(CommandContext context) {
        String fqdn = Inputs.domain(context.args().positional(0));
        HostedZone zone = zoneFor(fqdn);
        List<DnsRecord> doomed = dns.records(zone.id()).stream()
                .filter(r -> r.name().equals(fqdn) && POINTABLE.contains(r.type())).toList();
        if (doomed.isEmpty()) {
            return Reply.ephemeral("There is no A, AAAA or CNAME record for " + fqdn + " in zone " + zone.name()
                    + "; nothing to delete.");
        }
        String list = String.join("; ", doomed.stream().map(DnsRecord::describe).toList());
        if (context.args().has("dry-run")) {
            return Reply.ephemeral("Dry run: would delete " + list + ". Nothing was changed.");
        }
        dns.delete(zone.id(), doomed);
        context.touched(fqdn);
        return Reply.inChannel("Deleted " + list + " from zone " + zone.name() + ".");
    }

    HostedZone zoneFor(String fqdn) {
        return zones.zoneFor(fqdn);
    }
}
