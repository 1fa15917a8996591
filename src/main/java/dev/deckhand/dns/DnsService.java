package dev.deckhand.dns;

import java.util.List;

/** Route 53 in product terms; the SDK side is {@code dev.deckhand.aws.dns.AwsDns}. */
public interface DnsService {

    List<HostedZone> zones();

    List<DnsRecord> records(String zoneId);

    /** Creates or replaces the record (UPSERT). */
    void upsert(String zoneId, DnsRecord record);

    /** Deletes the records exactly as they are now, in one change. */
    void delete(String zoneId, List<DnsRecord> records);
}
