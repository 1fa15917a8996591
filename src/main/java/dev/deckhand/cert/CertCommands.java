package dev.deckhand.cert;

import dev.deckhand.access.Role;
import dev.deckhand.chat.ChatPort;
import dev.deckhand.chat.Reply;
import dev.deckhand.command.CommandContext;
import dev.deckhand.command.CommandSpec;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsZones;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.stack.StackTags;
import dev.deckhand.validate.Inputs;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code cert request <domain> [--zone z] [--stack s]} and {@code cert list}. A request writes ACM's
 * validation record into Route 53 and then watches in the background, posting to the channel when the
 * certificate is issued or why it was not.
 */
public final class CertCommands {

    private final CertificateService certs;
    private final CertificateIssuer issuer;
    private final DnsZones zones;
    private final ChatPort chat;
    private final Executor background;

    /** @param background where the watch runs (a daemon thread in production, the calling thread in tests) */
    public CertCommands(CertificateService certs, CertificateIssuer issuer, DnsZones zones, ChatPort chat, Executor background) {
        this.certs = certs;
        this.issuer = issuer;
        this.zones = zones;
        this.chat = chat;
        this.background = background;
    }

    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.command("cert request").usage("cert request <domain> [--zone <zone>] [--stack s]")
                        .description("Requests an HTTPS certificate (ACM, validated through Route 53)")
                        .example("cert request api.example.com").role(Role.DEPLOYER).args(1, 1)
                        .flags("zone", "stack", "region").mutating().handledBy(this::request),
                CommandSpec.command("cert list").usage("cert list").description("Lists ACM certificates and their status")
                        .example("cert list").flags("region").handledBy(this::list));
    }

    private Reply request(CommandContext context) {
        String domain = Inputs.domain(context.args().positional(0));
        // Without --stack the certificate joins the stack named after the first label (api.example.com -> api).
        String firstLabel = domain.substring(0, domain.indexOf('.'));
        String stack = Inputs.stack(context.args().flagOr("stack", firstLabel));
        HostedZone zone = context.args().flag("zone").map(z -> zones.named(z, domain)).orElseGet(() -> zones.zoneFor(domain));
        String region = context.region();
        CertificateIssuer.Started started = issuer.start(region, domain, zone, new StackTags(domain, stack, context.user()),
                context.progress());
        CertificateInfo cert = started.certificate();
        if (started.validationRecord().isEmpty()) {
            return Reply.ephemeral("There is already an issued certificate for " + domain + " in " + region + ": "
                    + cert.arn() + ". Nothing was requested.");
        }
        context.touched(cert.arn());
        String channel = context.channel();
        background.execute(() -> chat.post(channel, outcome(region, cert.arn(), domain)));
        var record = started.validationRecord().get();
        return Reply.builder().inChannel()
                .body((started.requestedNow() ? "Requested" : "Still waiting on") + " a certificate for " + domain + " in "
                        + region + " (" + cert.arn() + ").")
                .line("Wrote the validation record `" + record.name() + " CNAME " + record.values().get(0) + "` in zone "
                        + zone.name() + ".")
                .context("ACM usually issues it within a few minutes; I will post here when it does (or why not).")
                .build();
    }

    private Reply outcome(String region, String arn, String domain) {
        try {
            CertificateInfo info = issuer.awaitIssued(region, arn);
            if (info.isIssued()) {
                return Reply.inChannel("The certificate for " + domain + " is issued (" + arn + "). "
                        + "Use it with `elb create <name> --instance <instance> --domain " + domain + "`.");
            }
            return Reply.inChannel("ACM did not issue the certificate for " + domain + ": " + info.status()
                    + (info.failureReason().isEmpty() ? "" : " (" + info.failureReason() + ")")
                    + ". Check the zone's validation record, then run `cert request " + domain + "` again.");
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
