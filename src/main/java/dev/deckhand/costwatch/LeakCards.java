package dev.deckhand.costwatch;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import dev.deckhand.pricing.PriceTable;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How findings read in chat: the digest summary, one card per finding, an owner's direct message. */
public final class LeakCards {

    /** Slack user ids (U.../W...): owners Deckhand can mention and message. */
    private static final Pattern CHAT_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    static final String KEEP_REASON = "\"kept from the digest\"";

    private LeakCards() {
    }

    public static boolean isChatUser(String owner) {
        return CHAT_USER.matcher(owner).matches();
    }

    /** {@code <@U123>} for a chat user, else the tag's text. */
    public static String ownerText(String owner) {
        if (Leak.UNKNOWN_OWNER.equals(owner)) {
            return "no owner tag";
        }
        return isChatUser(owner) ? "<@" + owner + ">" : owner;
    }

    /**
     * One line: "Elastic IP web-ip (eipalloc-1) in us-east-1, $3.65/month: Elastic IP not attached ...";
     * "at least $1.60/month (price unknown)" when part of the price could not be found, never a bare $0.00.
     */
    public static String line(Leak leak) {
        return "*" + leak.kind().label() + "* " + leak.title() + " in " + leak.region() + ", "
                + (leak.priceUnknown() ? "at least " : "") + PriceTable.usd(leak.monthlyCost()) + "/month"
                + (leak.priceUnknown() ? " (price unknown)" : "") + ": " + leak.reason();
    }

    /** The chat line for what a region's scan could not judge. */
    static String partlyScanned(RegionOutcome.Gap gap) {
        return ":warning: " + gap.region() + " was only partly scanned: " + gap.reason();
    }

    public static List<Button> buttons(Leak leak, boolean withId) {
        String suffix = withId ? " " + shortId(leak) : "";
        return List.of(
                Button.danger("Clean up" + suffix, cleanupCommand(leak)),
                Button.of("Snooze 1 day" + suffix, "leaks snooze " + leak.id() + " 1d --region " + leak.region()),
                Button.of("Snooze 7 days" + suffix, "leaks snooze " + leak.id() + " 7d --region " + leak.region()),
                Button.of("Keep" + suffix, "leaks keep " + leak.id() + " " + KEEP_REASON + " --region " + leak.region()));
    }

    public static String cleanupCommand(Leak leak) {
        return "leaks cleanup " + leak.kind().noun() + " " + leak.id() + " --region " + leak.region();
    }

    /** The digest's first message: total, regions, failures, owners, escalations. */
    public static Reply summary(ScanResult scan, DigestPlan plan, String priceDate) {
        Reply.Builder b = Reply.builder().inChannel()
                .header("Cost watch: " + scan.totalText() + "/month estimated waste");
        b.line(plan.items().size() + (plan.items().size() == 1 ? " finding needs" : " findings need")
                + " a decision (details in the thread), " + scan.leaks().size() + " in all across "
                + scan.totalsByRegion().size() + (scan.totalsByRegion().size() == 1 ? " region." : " regions."));
        scan.totalsByRegion().forEach((region, total) -> {
            if (total.signum() > 0) {
                b.line("• " + region + ": " + PriceTable.usd(total) + "/month");
            }
        });
        for (RegionOutcome.Failed failed : scan.failures()) {
            b.line(":warning: " + failed.region() + " was not scanned: " + failed.reason());
        }
        scan.gaps().forEach(gap -> b.line(partlyScanned(gap)));
        Map<String, List<DigestPlan.Item>> byOwner = byOwner(plan.items());
        byOwner.forEach((owner, items) -> b.line(ownerText(owner) + ": " + items.size()
                + (items.size() == 1 ? " finding, " : " findings, ") + PriceTable.usd(sum(items)) + "/month"));
        byOwner.forEach((owner, items) -> {
            List<String> late = items.stream().filter(DigestPlan.Item::escalate).map(i -> i.leak().id()).toList();
            if (!late.isEmpty()) {
                b.line(":rotating_light: " + ownerText(owner) + ", unanswered for " + items.stream()
                        .filter(DigestPlan.Item::escalate).mapToInt(DigestPlan.Item::timesReminded).min().orElse(0)
                        + " digests: " + String.join(", ", late) + ". Clean up, snooze or keep them.");
            }
        });
        if (plan.heldBack() > 0) {
            b.line(plan.heldBack() + " cheaper " + (plan.heldBack() == 1 ? "finding waits" : "findings wait")
                    + " for the next digest; `leaks` lists everything.");
        }
        if (plan.kept() + plan.snoozed() + plan.recent() > 0) {
            b.context("Not shown: " + plan.kept() + " kept, " + plan.snoozed() + " snoozed, " + plan.recent()
                    + " already shown in the last day.");
        }
        b.context("Estimates from the price table dated " + priceDate + ".");
        return b.build();
    }

    /** A finding with its buttons, posted in the digest's thread. */
    public static Reply card(DigestPlan.Item item) {
        Leak leak = item.leak();
        Reply.Builder b = Reply.builder().inChannel()
                .body((item.escalate() ? ":rotating_light: " : "") + line(leak))
                .context("Owner: " + ownerText(leak.owner()));
        buttons(leak, false).forEach(b::button);
        return b.build();
    }

    /** An owner's own findings, with buttons for each. */
    public static Reply directMessage(List<DigestPlan.Item> items) {
        Reply.Builder b = Reply.builder().header("Your AWS resources that keep billing: " + PriceTable.usd(sum(items))
                + "/month");
        items.forEach(i -> b.line("• " + line(i.leak())));
        items.stream().limit(6).forEach(i -> buttons(i.leak(), true).forEach(b::button));
        if (items.size() > 6) {
            b.context("Buttons for the rest are in the cost digest thread.");
        }
        return b.build();
    }

    static Map<String, List<DigestPlan.Item>> byOwner(List<DigestPlan.Item> items) {
        return items.stream().collect(Collectors.groupingBy(i -> i.leak().owner(), LinkedHashMap::new, Collectors.toList()));
    }

    private static BigDecimal sum(List<DigestPlan.Item> items) {
        return items.stream().map(i -> i.leak().monthlyCost()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String shortId(Leak leak) {
        return leak.kind() == LeakKind.LOAD_BALANCER ? leak.name() : leak.id();
    }
}
