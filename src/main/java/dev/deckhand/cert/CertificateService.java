package dev.deckhand.cert;

import dev.deckhand.stack.StackTags;

import java.util.List;

/** ACM in product terms. */
public interface CertificateService {

    /** Certificates of the region with their status (no validation records: use {@link #describe}). */
    List<CertificateInfo> list(String region);

    CertificateInfo describe(String region, String arn);

    /**
     * Requests a DNS-validated certificate, tagged. The same token within an hour gives the same
     * certificate (ACM's IdempotencyToken): the caller derives it from the plan id.
     */
    String request(String region, String domain, StackTags tags, String idempotencyToken);
}
