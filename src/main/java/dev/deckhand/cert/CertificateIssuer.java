package dev.deckhand.cert;

import dev.deckhand.chat.Progress;
import dev.deckhand.command.UserFacingException;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.HostedZone;
import dev.deckhand.stack.Pause;
import dev.deckhand.stack.Poll;
import dev.deckhand.stack.StackTags;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gets a DNS-validated certificate: a plan finds an issued or pending one for the name ({@link #covering});
 * apply picks up the pending one or requests one;
 * writes ACM's validation CNAME into the hosted zone; then, on request, waits until ACM issues it.
 * ACM makes up the validation record a few seconds after the request, so that is polled for too.
 */
public final class CertificateIssuer {

    /** What {@link #start} did. */
    public record Started(CertificateInfo certificate, boolean requestedNow, Optional<DnsRecord> validationRecord) { }

    private final CertificateService certs;
    private final DnsService dns;
    private final Poll poll;

    public CertificateIssuer(CertificateService certs, DnsService dns, Clock clock, Pause pause, Duration pollInterval,
                             Duration timeout) {
        this.certs = certs;
        this.dns = dns;
        this.poll = new Poll(clock, pause, pollInterval, timeout);
    }

    /** ACM's IdempotencyToken for a plan: up to 32 word characters, one per plan (delivery or approval). */
    public static String idempotencyToken(String planId) {
        String token = planId.replaceAll("\\W", "");
        return token.length() > 32 ? token.substring(token.length() - 32) : token;
    }

    /** The certificates of the region that serve {@code domain}. */
    public List<CertificateInfo> covering(String region, String domain) {
        return certs.list(region).stream().filter(c -> c.covers(domain)).toList();
    }

    /** A certificate with its validation record, once ACM has made it up (polled for a while). */
    public CertificateInfo withValidationRecord(String region, String arn) {
        return awaitValidationRecord(region, arn);
    }

    /**
     * Writes the validation record of the pending certificate {@code pendingArn} when the plan found
     * one, else requests a certificate with {@code idempotencyToken} (see {@link #idempotencyToken}) and
     * writes its record. Whether one is already issued is the plan's question ({@link #covering}), not
     * asked again here.
     */
    public Started obtain(String region, String domain, HostedZone zone, StackTags tags, Progress progress,
                          String idempotencyToken, Optional<String> pendingArn) {
        progress.report("Requesting a certificate for " + domain + " and writing its validation record…");
        String arn = pendingArn.orElseGet(() -> certs.request(region, domain, tags, idempotencyToken));
        CertificateInfo info = awaitValidationRecord(region, arn);
        DnsRecord record = info.validationRecord().orElseThrow();
        dns.upsert(zone.id(), record);
        return new Started(info, pendingArn.isEmpty(), Optional.of(record));
    }

    /** Polls until the certificate is issued or has failed; a timeout says where to look. */
    public CertificateInfo awaitIssued(String region, String arn) {
        return poll.until(() -> certs.describe(region, arn), CertificateInfo::isFinal,
                info -> new UserFacingException("ACM has not validated " + info.domain() + " after " + poll.timeout().toMinutes()
                        + " minutes. Check that the zone's name servers are the ones your registrar uses; ACM keeps "
                        + "trying for 72 hours, and `cert list` shows the status."));
    }

    private CertificateInfo awaitValidationRecord(String region, String arn) {
        return poll.with(Duration.ofSeconds(2), Duration.ofMinutes(2)).until(() -> certs.describe(region, arn),
                info -> info.validationRecord().isPresent(),
                info -> new UserFacingException("ACM did not give a validation record for " + info.domain()
                        + " within 2 minutes. Run the same command again to pick it up."));
    }
}
