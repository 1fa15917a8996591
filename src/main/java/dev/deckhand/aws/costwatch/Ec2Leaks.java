package dev.deckhand.aws.costwatch;

import dev.deckhand.costwatch.Ages;
import dev.deckhand.costwatch.IdleRules;
import dev.deckhand.costwatch.Leak;
import dev.deckhand.costwatch.LeakKind;
import dev.deckhand.pricing.PriceTable;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one region's DescribeInstances, DescribeAddresses and DescribeVolumes answers, and CloudWatch's
 * view of the running instances, into findings: idle, unowned or unjudgeable running instances (see
 * {@link IdleRules}), stopped and expired instances, idle Elastic IPs and unattached volumes. A running
 * instance that is owned and busy is inventory, not a finding. Pure: no calls.
 */
final class Ec2Leaks {

    static final String OWNER_TAG = "deckhand:owner";
    static final String EXPIRES_TAG = "deckhand:expires";
    /** EC2 writes the stop time into the transition reason: "User initiated (2026-11-20 10:00:00 GMT)". */
    private static final Pattern STOPPED_AT = Pattern.compile("\\((\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) GMT\\)");

    private final PriceTable prices;
    private final String region;
    private final Instant now;
    private final IdleRules rules;
    private final Map<String, Activity> activity;
    private final dev.deckhand.pricing.InstancePrices instancePrices;
    /** Running instances CloudWatch could not judge, and why (the first reason; one call asks for all). */
    private final Unjudged unjudged = new Unjudged();

    /** @param activity CloudWatch's answer per running instance id (missing: not asked, judged as unknown) */
    Ec2Leaks(PriceTable prices, String region, Instant now, IdleRules rules, Map<String, Activity> activity) {
        this(prices, prices, region, now, rules, activity);
    }

    /** @param instancePrices instance prices beyond the table (the Price List API, cached) */
    Ec2Leaks(PriceTable prices, dev.deckhand.pricing.InstancePrices instancePrices, String region, Instant now,
             IdleRules rules, Map<String, Activity> activity) {
        this.instancePrices = instancePrices;
        this.prices = prices;
        this.region = region;
        this.now = now;
        this.rules = rules;
        this.activity = activity;
    }

    /** Running instances whose idleness CloudWatch must judge: not already past their expiry. */
    static List<String> toMeasure(List<Instance> instances, Instant now) {
        return instances.stream().filter(i -> i.state() != null && ("running".equals(i.state().nameAsString())
                        || "pending".equals(i.state().nameAsString())))
                .filter(i -> {
                    Instant expires = parseExpiry(tag(i.tags(), EXPIRES_TAG));
                    return expires == null || !expires.isBefore(now);
                })
                .map(Instance::instanceId).toList();
    }

    List<Leak> find(List<Instance> instances, List<Address> addresses, List<Volume> volumes) {
        Map<String, List<Volume>> attached = new HashMap<>();
        for (Volume v : volumes) {
            for (VolumeAttachment a : v.attachments()) {
                attached.computeIfAbsent(a.instanceId(), k -> new ArrayList<>()).add(v);
            }
        }
        Map<String, Instance> byId = new HashMap<>();
        List<Leak> leaks = new ArrayList<>();
        for (Instance instance : instances) {
            byId.put(instance.instanceId(), instance);
            instanceLeak(instance, attached.getOrDefault(instance.instanceId(), List.of()), leaks);
        }
        for (Address address : addresses) {
            addressLeak(address, byId, leaks);
        }
        for (Volume volume : volumes) {
            if ("available".equals(volume.stateAsString())) {
                leaks.add(Leak.of(LeakKind.VOLUME, volume.volumeId(), tag(volume.tags(), "Name"), region,
                        tag(volume.tags(), OWNER_TAG), volume.createTime(), now,
                        volume.size() + " GB " + volume.volumeTypeAsString(),
                        prices.volume(volume.volumeTypeAsString(), volume.size()),
                        volume.size() + "|" + volume.volumeTypeAsString() + "|available"));
            }
        }
        return leaks;
    }

    private void instanceLeak(Instance instance, List<Volume> volumes, List<Leak> leaks) {
        String state = instance.state().nameAsString();
        boolean running = state.equals("running") || state.equals("pending");
        boolean stopped = state.equals("stopped") || state.equals("stopping");
        if (!running && !stopped) {
            return;
        }
        String type = instance.instanceTypeAsString();
        BigDecimal volumeCost = volumes.stream().map(v -> prices.volume(v.volumeTypeAsString(), v.size()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        int gb = volumes.stream().mapToInt(Volume::size).sum();
        String name = tag(instance.tags(), "Name");
        String owner = tag(instance.tags(), OWNER_TAG);
        String fingerprint = state + "|" + type + "|" + instance.publicIpAddress() + "|" + volumes.stream()
                .map(v -> v.volumeId() + ":" + v.size()).sorted().toList() + "|" + tag(instance.tags(), EXPIRES_TAG);
        BigDecimal cost;
        String detail;
        boolean priceUnknown = false;
        if (running) {
            var hourly = instancePrices.instance(region, type);
            priceUnknown = hourly.isEmpty();
            BigDecimal ip = instance.publicIpAddress() == null ? BigDecimal.ZERO : prices.publicIpv4();
            cost = hourly.map(PriceTable.Estimate::monthlyUsd).orElse(BigDecimal.ZERO).add(volumeCost).add(ip);
            detail = type + " " + hourly.map(h -> PriceTable.usd(h.monthlyUsd())).orElse("price unknown")
                    + (gb > 0 ? " + " + gb + " GB disk " + PriceTable.usd(volumeCost) : "")
                    + (ip.signum() > 0 ? " + public IPv4 " + PriceTable.usd(ip) : "")
                    + hourly.map(h -> h.note().isEmpty() ? "" : "; " + h.note()).orElse("");
        } else {
            if (volumes.isEmpty()) {
                return; // nothing of a stopped instance without EBS volumes bills
            }
            cost = volumeCost;
            detail = volumes.size() == 1 ? "its volume (" + gb + " GB) still bills"
                    : "its " + volumes.size() + " volumes (" + gb + " GB) still bill";
        }
        Instant expires = parseExpiry(tag(instance.tags(), EXPIRES_TAG));
        if (expires != null && expires.isBefore(now)) {
            fingerprint = "expired|" + fingerprint; // a Keep given before the expiry ends with it
            String date = DateTimeFormatter.ISO_LOCAL_DATE.format(expires.atOffset(ZoneOffset.UTC));
            Leak leak = Leak.of(LeakKind.EXPIRED_INSTANCE, instance.instanceId(), name, region, owner, expires, now,
                    "expired " + date + ", still " + (running ? "running" : "stopped with volumes")
                            + (priceUnknown ? "; " + type + " price unknown" : ""), cost, fingerprint);
            leaks.add(priceUnknown ? leak.withPriceUnknown() : leak);
            return;
        }
        Instant since = running ? instance.launchTime() : stoppedAt(instance.stateTransitionReason());
        if (running) {
            String why = whyWaste(instance, owner);
            if (why == null) {
                return; // owned and busy (or not yet measurable, or not judged: see gaps()): inventory, not waste
            }
            detail = why + "; " + detail;
            fingerprint = why.substring(0, why.indexOf(' ')) + "|" + fingerprint;
        }
        Leak leak = Leak.of(running ? LeakKind.RUNNING_INSTANCE : LeakKind.STOPPED_INSTANCE, instance.instanceId(), name,
                region, owner, since, now, detail, cost, fingerprint);
        leaks.add(priceUnknown ? leak.withPriceUnknown() : leak);
    }

    /** Why a running, unexpired instance is waste, or null when it is not. */
    private String whyWaste(Instance instance, String owner) {
        Activity measured = activity.getOrDefault(instance.instanceId(),
                new Activity.Unknown("CloudWatch was not asked"));
        String window = Ages.words(rules.window());
        if (measured instanceof Activity.Measured m && m.cpuPercent() < rules.cpuPercent()
                && m.networkMbPerDay() < rules.networkMbPerDay()) {
            return String.format(java.util.Locale.ROOT, "idle: average CPU %.1f%%, network %.1f MB/day over %s", m.cpuPercent(),
                    m.networkMbPerDay(), window);
        }
        boolean old = instance.launchTime() != null
                && instance.launchTime().plus(rules.ownerlessAge()).isBefore(now);
        if (owner.isEmpty() && old) {
            return "unowned: no " + OWNER_TAG + " tag";
        }
        if (measured instanceof Activity.Unknown u) {
            // Not waste as far as anyone knows, and not inventory either: the scan says it could not judge it
            // (exit 2) rather than offering a busy instance for clean-up or passing over an idle one.
            unjudged.add(instance.instanceId(), u.reason());
        }
        return null;
    }

    /** What {@link #find} could not judge: the running instances whose idleness CloudWatch did not give. */
    List<String> gaps() {
        return unjudged.gap("idleness", "running instance", "", false).stream().toList();
    }

    private void addressLeak(Address address, Map<String, Instance> instances, List<Leak> leaks) {
        String detail;
        if (address.instanceId() != null && !address.instanceId().isEmpty()) {
            Instance instance = instances.get(address.instanceId());
            String state = instance == null ? "" : instance.state().nameAsString();
            if (instance == null || state.equals("running") || state.equals("pending")) {
                return; // in use (an instance we did not list is not one we can judge)
            }
            detail = "attached to stopped instance " + address.instanceId();
        } else if (address.networkInterfaceId() != null && !address.networkInterfaceId().isEmpty()) {
            return; // on a network interface (NAT gateway, load balancer): in use
        } else {
            detail = "not attached to a running instance";
        }
        String id = address.allocationId() != null ? address.allocationId() : address.publicIp();
        String name = tag(address.tags(), "Name");
        leaks.add(Leak.of(LeakKind.ELASTIC_IP, id, name.isEmpty() ? address.publicIp() : name, region,
                tag(address.tags(), OWNER_TAG), null, now, detail, prices.publicIpv4(),
                String.valueOf(address.instanceId()) + "|" + address.associationId()));
    }

    static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse("");
    }

    static Instant stoppedAt(String transitionReason) {
        if (transitionReason == null) {
            return null;
        }
        Matcher m = STOPPED_AT.matcher(transitionReason);
        return m.find() ? LocalDateTime.parse(m.group(1).replace(' ', 'T')).toInstant(ZoneOffset.UTC) : null;
    }

    /** Accepts what people and Deckhand write: an instant, an offset date-time, or a date (its start, UTC). */
    static Instant parseExpiry(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    static Comparator<Leak> order() {
        return Comparator.comparing(Leak::kind).thenComparing(Leak::id);
    }
}
