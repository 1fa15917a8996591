package dev.deckhand.cert;

import dev.deckhand.dns.DnsRecord;

import java.util.List;
import java.util.Optional;

/**
 * An ACM certificate.
 *
 * @param status           PENDING_VALIDATION, ISSUED, FAILED, EXPIRED, ...
 * @param validationRecord the CNAME ACM wants in DNS, once ACM has made it up
 * @param failureReason    why it failed, or empty
 * @param inUseBy          ARNs of what serves it (load balancers)
 */
public record CertificateInfo(String arn, String domain, String status, Optional<DnsRecord> validationRecord,
                              String failureReason, List<String> inUseBy) {

    public CertificateInfo {
        inUseBy = List.copyOf(inUseBy);
    }

    public boolean isIssued() {
        return status.equals("ISSUED");
    }

    public boolean isPending() {
        return status.equals("PENDING_VALIDATION");
    }

    /** Whether it is no longer going anywhere. */
    public boolean isFinal() {
        return !isPending();
    }

    /** Whether it serves {@code fqdn}: the same name, or a wildcard one level up. */
    public boolean covers(String fqdn) {
        int dot = fqdn.indexOf('.');
        return domain.equals(fqdn) || dot > 0 && domain.equals("*" + fqdn.substring(dot));
    }
}
