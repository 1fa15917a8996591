package dev.deckhand.aws.cert;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.cert.CertificateInfo;
import dev.deckhand.cert.CertificateService;
import dev.deckhand.dns.DnsRecord;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.Tag;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

import java.util.List;
import java.util.Optional;

/** ACM over its JSON API: ListCertificates, DescribeCertificate, RequestCertificate (DNS validation). */
public final class AwsCertificates implements CertificateService {

    private final AwsClients aws;

    public AwsCertificates(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<CertificateInfo> list(String region) {
        return AwsErrors.call("acm:ListCertificates", region, () -> aws.acm(region).listCertificatesPaginator(r -> { })
                .certificateSummaryList().stream()
                .map(c -> new CertificateInfo(c.certificateArn(), c.domainName(), c.statusAsString() == null ? "" : c.statusAsString(),
                        Optional.empty(), "", Boolean.TRUE.equals(c.inUse()) ? List.of("in use") : List.of()))
                .toList());
    }

    @Override
    public CertificateInfo describe(String region, String arn) {
        CertificateDetail c = AwsErrors.call("acm:DescribeCertificate", region,
                () -> aws.acm(region).describeCertificate(r -> r.certificateArn(arn))).certificate();
        Optional<DnsRecord> validation = c.domainValidationOptions().stream().map(DomainValidation::resourceRecord)
                .filter(r -> r != null && r.name() != null)
                .map(r -> DnsRecord.cname(strip(r.name()), strip(r.value()), 300)).findFirst();
        return new CertificateInfo(c.certificateArn(), c.domainName(), c.statusAsString(), validation,
                c.failureReasonAsString() == null ? "" : c.failureReasonAsString(), c.inUseBy());
    }

    @Override
    public String request(String region, String domain, StackTags tags, String idempotencyToken) {
        List<Tag> acmTags = tags.asMap().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return AwsErrors.call("acm:RequestCertificate", region, () -> aws.acm(region).requestCertificate(r -> r
                .domainName(domain).validationMethod(ValidationMethod.DNS).idempotencyToken(idempotencyToken)
                .tags(acmTags))).certificateArn();
    }

    private static String strip(String name) {
        return name == null ? "" : name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
