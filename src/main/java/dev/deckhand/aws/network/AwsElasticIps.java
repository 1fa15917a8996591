package dev.deckhand.aws.network;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.aws.AwsErrors;
import dev.deckhand.network.ElasticIp;
import dev.deckhand.network.ElasticIpService;
import dev.deckhand.stack.StackTags;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Elastic IPs over EC2; "already gone" answers count as done so teardown can be rerun. */
public final class AwsElasticIps implements ElasticIpService {

    /** The plan that allocated an address: what makes a retried allocation find it instead of allocating twice. */
    static final String PLAN_TAG = "deckhand:plan";

    private static final Set<String> GONE = Set.of("InvalidAllocationID.NotFound", "InvalidAssociationID.NotFound");

    private final AwsClients aws;

    public AwsElasticIps(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public List<ElasticIp> list(String region) {
        return AwsErrors.call("ec2:DescribeAddresses", region, () -> aws.ec2(region).describeAddresses(r -> { }))
                .addresses().stream().map(AwsElasticIps::toEip).toList();
    }

    @Override
    public ElasticIp allocate(String region, StackTags tags, String planId) {
        Map<String, String> all = new LinkedHashMap<>(tags.asMap());
        all.put(PLAN_TAG, planId);
        TagSpecification spec = TagSpecification.builder().resourceType(ResourceType.ELASTIC_IP)
                .tags(all.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())
                .build();
        var answer = AwsErrors.call("ec2:AllocateAddress", region,
                () -> aws.ec2(region).allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(spec)));
        return new ElasticIp(answer.publicIp(), answer.allocationId(), "", "", tags.name(), tags.stack(), tags.owner());
    }

    @Override
    public Optional<ElasticIp> allocatedBy(String region, String planId) {
        return AwsErrors.call("ec2:DescribeAddresses", region, () -> aws.ec2(region).describeAddresses(r -> r
                        .filters(Filter.builder().name("tag:" + PLAN_TAG).values(planId).build())))
                .addresses().stream().map(AwsElasticIps::toEip).findFirst();
    }

    @Override
    public String associate(String region, String allocationId, String instanceId) {
        return AwsErrors.call("ec2:AssociateAddress", region, () -> aws.ec2(region).associateAddress(r -> r
                .allocationId(allocationId).instanceId(instanceId).allowReassociation(false))).associationId();
    }

    @Override
    public void disassociate(String region, String associationId) {
        try {
            aws.ec2(region).disassociateAddress(r -> r.associationId(associationId));
        } catch (SdkException e) {
            if (!GONE.contains(AwsErrors.errorCode(e))) {
                throw AwsErrors.translate("ec2:DisassociateAddress", region, e);
            }
        }
    }

    @Override
    public void release(String region, String allocationId) {
        try {
            aws.ec2(region).releaseAddress(r -> r.allocationId(allocationId));
        } catch (SdkException e) {
            if (!GONE.contains(AwsErrors.errorCode(e))) {
                throw AwsErrors.translate("ec2:ReleaseAddress", region, e);
            }
        }
    }

    /** The one Address mapping, used by eip/dns and by ec2 show/terminate. */
    public static ElasticIp toEip(Address a) {
        return new ElasticIp(a.publicIp(), AwsInstanceDirectory.nz(a.allocationId()), AwsInstanceDirectory.nz(a.associationId()),
                AwsInstanceDirectory.nz(a.instanceId()), AwsInstanceDirectory.tag(a.tags(), StackTags.NAME),
                AwsInstanceDirectory.tag(a.tags(), StackTags.STACK), AwsInstanceDirectory.tag(a.tags(), StackTags.OWNER));
    }
}
