package dev.deckhand.aws.dns;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.dns.DnsService;
import dev.deckhand.dns.HostedZone;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Route 53 over its REST-XML API. Names come back with a trailing dot and with some characters
 * escaped as octal ({@code \052} for {@code *}); they are handed on without the dot.
 */
public final class AwsDns implements DnsService {

    private static final String GLOBAL = "us-east-1";

    private final AwsClients aws;

    public AwsDns(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<HostedZone> zones() {
        return AwsErrors.call("route53:ListHostedZones", GLOBAL, () -> aws.route53().listHostedZonesPaginator()
                .hostedZones().stream()
                .map(z -> new HostedZone(z.id().replace("/hostedzone/", ""), strip(z.name()),
                        z.config() != null && Boolean.TRUE.equals(z.config().privateZone()),
                        z.resourceRecordSetCount() == null ? 0 : z.resourceRecordSetCount()))
                .toList());
    }

    @Override
    public List<DnsRecord> records(String zoneId) {
        List<DnsRecord> records = new ArrayList<>();
        String nextName = null;
        String nextType = null;
        do {
            String name = nextName;
            String type = nextType;
            ListResourceRecordSetsResponse page = AwsErrors.call("route53:ListResourceRecordSets", GLOBAL,
                    () -> aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zoneId).startRecordName(name).startRecordType(type)));
            page.resourceRecordSets().forEach(set -> records.add(toRecord(set)));
            nextName = Boolean.TRUE.equals(page.isTruncated()) ? page.nextRecordName() : null;
            nextType = page.nextRecordTypeAsString();
        } while (nextName != null);
        return records;
    }

    @Override
    public void upsert(String zoneId, DnsRecord record) {
        change(zoneId, List.of(Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(toSet(record)).build()),
                "Deckhand: point " + record.name());
    }

    @Override
    public void delete(String zoneId, List<DnsRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        change(zoneId, records.stream().map(r -> Change.builder().action(ChangeAction.DELETE).resourceRecordSet(toSet(r)).build()).toList(),
                "Deckhand: delete " + records.get(0).name());
    }

    private void change(String zoneId, List<Change> changes, String comment) {
        AwsErrors.call("route53:ChangeResourceRecordSets", GLOBAL, () -> aws.route53().changeResourceRecordSets(r -> r
                .hostedZoneId(zoneId).changeBatch(b -> b.comment(comment).changes(changes))));
    }

    static ResourceRecordSet toSet(DnsRecord record) {
        ResourceRecordSet.Builder set = ResourceRecordSet.builder().name(record.name() + ".").type(record.type());
        if (record.alias().isPresent()) {
            DnsRecord.AliasTarget alias = record.alias().get();
            set.aliasTarget(AliasTarget.builder().hostedZoneId(alias.hostedZoneId()).dnsName(alias.dnsName())
                    .evaluateTargetHealth(alias.evaluateTargetHealth()).build());
        } else {
            set.ttl(record.ttl()).resourceRecords(record.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
        }
        return set.build();
    }

    static DnsRecord toRecord(ResourceRecordSet set) {
        Optional<DnsRecord.AliasTarget> alias = Optional.ofNullable(set.aliasTarget())
                .map(a -> new DnsRecord.AliasTarget(a.hostedZoneId(), strip(a.dnsName()),
                        Boolean.TRUE.equals(a.evaluateTargetHealth())));
        return new DnsRecord(strip(set.name()), set.typeAsString(), set.ttl() == null ? 0 : set.ttl(),
                set.resourceRecords().stream().map(ResourceRecord::value).toList(), alias);
    }

    static String strip(String name) {
        String n = name == null ? "" : name.replace("\\052", "*");
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
