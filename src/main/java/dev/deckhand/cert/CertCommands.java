package dev.deckhand.cert;

import dev.deckhand.access.Role;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.Change;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.plan.Cost;
import dev.deckhand.plan.Effect;
import dev.deckhand.plan.Kind;
import dev.deckhand.plan.Owner;
import dev.deckhand.plan.Plan;
import dev.deckhand.plan.Target;
import dev.deckhand.stack.StackTags;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.UsageException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code cert request <domain> --stack s [--zone z]} and {@code cert list}. A request writes ACM's
 * validation record into Route 53 and then watches in the background, posting to the channel when the
 * certificate is issued or why it was not. Its plan: create the certificate (ACM's IdempotencyToken
 * comes from the plan id) and create or replace its validation record; an issued certificate for the
 * name already there is nothing to do.
 */
public final class CertCommands implements Change {

    /** The plan's detail naming a certificate already pending validation, which apply picks up. */
    private static final String PENDING = "Pending certificate";

    private final CertificateService certs;
    private final CertificateIssuer issuer;
    private final DnsZones zones;
    private final DnsService dns;
    private final ChatPort chat;
    private final Executor background;

    /** @param background where the watch runs (a daemon thread in production, the calling thread in tests) */
    public CertCommands(CertificateService certs, CertificateIssuer issuer, DnsZones zones, DnsService dns, ChatPort chat,
                        Executor background) {
        this.certs = certs;
        this.dns = dns;
        this.issuer = issuer;
        this.zones = zones;
        this.chat = chat;
        this.background = background;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("cert request").usage("cert request <domain> --stack <stack> [--zone <zone>]")
                        .description("Requests an HTTPS certificate (ACM, validated through Route 53)")
                        .example("cert request api.example.com --stack shop").role(Role.DEPLOYER).args(1, 1)
                        .flags("zone", "stack", "region").changes(this),
                CommandSpec.command("cert list").usage("cert list").description("Lists ACM certificates and their status")
                        .example("cert list").flags("region").handledBy(this::list));
    }

    /** What a request is for, read from the arguments. */
    private record Request(String domain, String stack, HostedZone zone) {
        static Request of(CommandContext context, DnsZones zones) {
            String domain = Inputs.domain(context.args().positional(0));
            // The certificate and its validation record belong to the stack that will use them, so that its
            // teardown removes both: a guess (the domain's first label) would leave them to no stack's teardown.
            String stack = Inputs.stack(context.args().flag("stack").orElseThrow(() -> new UsageException(
                    "`cert request` needs --stack: the certificate and its validation record belong to the stack that "
                            + "will use them, so that `teardown <stack>` removes both.",
                    "Name the stack, e.g. `cert request " + domain + " --stack shop`.")));
            HostedZone zone = context.args().flag("zone").map(z -> zones.named(z, domain)).orElseGet(() -> zones.zoneFor(domain));
            return new Request(domain, stack, zone);
        }
    }

    @Override
    public Plan plan(CommandContext context) {
        Request request = Request.of(context, zones);
        String region = context.region();
        String domain = request.domain();
        List<CertificateInfo> covering = issuer.covering(region, domain);
        Optional<CertificateInfo> issued = covering.stream().filter(CertificateInfo::isIssued).findFirst();
        if (issued.isPresent()) {
            return context.nothingToDo("There is already an issued certificate for " + domain + " in " + region + ": "
                    + issued.get().arn() + ". Nothing was requested.");
        }
        Plan.Builder plan = context.newPlan().detail("Zone", request.zone().name()).detail("Stack", request.stack());
        Optional<CertificateInfo> pending = covering.stream().filter(CertificateInfo::isPending).findFirst();
        if (pending.isEmpty()) {
            plan.effect(new Effect.Create(Target.created(Kind.CERTIFICATE, domain, region, context.user(), request.stack()),
                    Cost.ZERO));
            plan.effect(new Effect.Create(Target.created(Kind.DNS_RECORD, "ACM validation CNAME for " + domain + " in "
                    + request.zone().name(), Target.GLOBAL, context.user(), request.stack()), Cost.ZERO));
            return plan.note("ACM names the validation record after the request; it is written into " + request.zone().name()
                    + ".").build();
        }
        CertificateInfo cert = pending.get();
        Optional<DnsRecord> wanted = certs.describe(region, cert.arn()).validationRecord();
        if (wanted.isEmpty()) {
            return context.nothingToDo("A certificate for " + domain + " is already pending validation (" + cert.arn()
                    + ") and ACM has not named its validation record yet. Run the same command again in a minute.");
        }
        DnsRecord record = wanted.get();
        List<DnsRecord> now = dns.records(request.zone().id()).stream()
                .filter(r -> r.name().equalsIgnoreCase(record.name()) && r.type().equals(record.type())).toList();
        List<String> before = now.stream().flatMap(r -> r.values().stream()).sorted().toList();
        if (before.equals(record.values())) {
            return context.nothingToDo("A certificate for " + domain + " is already pending validation (" + cert.arn()
                    + ") and its validation record is in place. `cert list` shows its status.");
        }
        Target target = new Target(Kind.DNS_RECORD, request.zone().id() + "|" + record.name() + "|" + record.type(),
                Target.GLOBAL, new Owner.Unreadable("Route 53 records carry no tags"), "", record.name() + " " + record.type(),
                now.isEmpty() ? "absent" : now.stream().map(r -> "ttl " + r.ttl() + " " + String.join(",", r.values())).sorted()
                        .reduce((a, b) -> a + "; " + b).orElse(""));
        return plan.effect(new Effect.ReplaceRecord(target, before, record.values()))
                .detail(PENDING, cert.arn()).build();
    }

    @Override
    public Reply apply(CommandContext context, Plan plan) {
        Request request = Request.of(context, zones);
        String domain = request.domain();
        HostedZone zone = request.zone();
        String region = plan.region();
        CertificateIssuer.Started started = issuer.obtain(region, domain, zone, new StackTags(domain, request.stack(),
                context.user()), context.progress(), CertificateIssuer.idempotencyToken(context.planId()),
                Optional.ofNullable(plan.details().get(PENDING)));
        CertificateInfo cert = started.certificate();
        context.touched(cert.arn());
        String channel = context.channel();
        background.execute(() -> chat.post(channel, outcome(region, cert.arn(), domain, request.stack())));
        var record = started.validationRecord().get();
        return Reply.builder().inChannel()
                .body((started.requestedNow() ? "Requested" : "Still waiting on") + " a certificate for " + domain + " in "
                        + region + " (" + cert.arn() + ").")
                .line("Wrote the validation record `" + record.name() + " CNAME " + record.values().get(0) + "` in zone "
                        + zone.name() + ".")
                .context("ACM usually issues it within a few minutes; I will post here when it does (or why not).")
                .build();
    }

    private Reply outcome(String region, String arn, String domain, String stack) {
        try {
            CertificateInfo info = issuer.awaitIssued(region, arn);
            if (info.isIssued()) {
                return Reply.inChannel("The certificate for " + domain + " is issued (" + arn + "). "
                        + "Use it with `elb create <name> --instance <instance> --domain " + domain + "`.");
            }
            return Reply.inChannel("ACM did not issue the certificate for " + domain + ": " + info.status()
                    + (info.failureReason().isEmpty() ? "" : " (" + info.failureReason() + ")")
                    + ". Check the zone's validation record, then run `cert request " + domain + " --stack " + stack + "` again.");
        } catch (UserFacingException e) {
            return Reply.inChannel(e.getMessage());
        }
    }

    private Reply list(CommandContext context) {
        List<CertificateInfo> all = certs.list(context.region());
        if (all.isEmpty()) {
            return Reply.ephemeral("No certificates in " + context.region() + ". `cert request <domain>` asks for one.");
        }
        Reply.Builder reply = Reply.builder().header("Certificates in " + context.region());
        all.forEach(c -> reply.line("*" + c.domain() + "* " + c.status() + (c.inUseBy().isEmpty() ? "" : ", in use")
                + " `" + c.arn() + "`"));
        return reply.build();
    }
}
