package dev.deckhand.aws.costwatch;

import dev.deckhand.aws.AwsClients;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's own EBS snapshots older than {@code minAge} that nothing needs any more: those of an
 * image that was deregistered (CreateImage writes "Created by CreateImage(i-...) for ami-..." into the
 * description), and those whose source volume no longer exists. A snapshot a registered image uses is
 * never a finding, whatever became of its volume. Billed per GB-month.
 */
final class SnapshotLeaks {

    private static final Pattern FOR_AMI = Pattern.compile("for (ami-[0-9a-f]+)");

    private final AwsClients aws;
    private final AsyncCalls calls;
    private final LeakPrices prices;
    private final Duration minAge;

    SnapshotLeaks(AwsClients aws, AsyncCalls calls, LeakPrices prices, Duration minAge) {
        this.aws = aws;
        this.calls = calls;
        this.prices = prices;
        this.minAge = minAge;
    }

    /** @param volumes the region's volumes, as the scan listed them */
    CompletableFuture<List<Leak>> find(String region, Instant now, CompletableFuture<List<Volume>> volumes) {
        CompletableFuture<List<Snapshot>> snapshots = calls.call("ec2:DescribeSnapshots", region,
                () -> aws.ec2(region).describeSnapshotsPaginator(r -> r.ownerIds("self")).snapshots().stream().toList());
        // The account's images matter only to its snapshots: asked only where there are some.
        CompletableFuture<List<Image>> images = snapshots.thenCompose(list -> list.isEmpty()
                ? CompletableFuture.completedFuture(List.of())
                : calls.call("ec2:DescribeImages", region, () -> aws.ec2(region).describeImages(r -> r.owners("self")).images()));
        return CompletableFuture.allOf(snapshots, images, volumes)
                .thenApply(v -> find(snapshots.join(), images.join(), volumes.join(), region, now));
    }

    List<Leak> find(List<Snapshot> snapshots, List<Image> images, List<Volume> volumes, String region, Instant now) {
        Set<String> registered = new HashSet<>();
        Set<String> usedByImages = new HashSet<>();
        for (Image image : images) {
            registered.add(image.imageId());
            for (BlockDeviceMapping m : image.blockDeviceMappings()) {
                if (m.ebs() != null && m.ebs().snapshotId() != null) {
                    usedByImages.add(m.ebs().snapshotId());
                }
            }
        }
        Set<String> liveVolumes = new HashSet<>();
        volumes.forEach(v -> liveVolumes.add(v.volumeId()));
        List<Leak> leaks = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (s.startTime() == null || s.startTime().isAfter(now.minus(minAge)) || usedByImages.contains(s.snapshotId())) {
                continue;
            }
            String why = orphaned(s, registered, liveVolumes);
            if (why == null) {
                continue;
            }
            int gb = s.volumeSize() == null ? 0 : s.volumeSize();
            leaks.add(Leak.of(LeakKind.SNAPSHOT, s.snapshotId(), Ec2Leaks.tag(s.tags(), "Name"), region,
                    Ec2Leaks.tag(s.tags(), Ec2Leaks.OWNER_TAG), s.startTime(), now, "(" + gb + " GB) " + why,
                    prices.snapshotMonthly(gb), gb + "|" + s.volumeId() + "|" + why));
        }
        return leaks;
    }

    /** Why nothing needs it, or null when something may. */
    private static String orphaned(Snapshot s, Set<String> registered, Set<String> liveVolumes) {
        Matcher ami = FOR_AMI.matcher(s.description() == null ? "" : s.description());
        if (ami.find()) {
            return registered.contains(ami.group(1)) ? null : "of deregistered image " + ami.group(1);
        }
        if (s.volumeId() != null && !liveVolumes.contains(s.volumeId())) {
            return "of volume " + s.volumeId() + ", which no longer exists";
        }
        return null;
    }
}
