package dev.deckhand.ec2;

import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Formatting shared by the EC2 handlers: ages, instance fields, next-step buttons. */
final class Ec2Replies {

    private Ec2Replies() {
    }

    /** {@code 45m}, {@code 5h}, {@code 12d}: how long ago, in the coarsest unit that still says something. */
    static String age(Instant since, Clock clock) {
        if (since == null) {
            return "-";
        }
        Duration d = Duration.between(since, clock.instant());
        if (d.isNegative()) {
            return "0m";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }

    static String publicIp(InstanceSummary i) {
        if (i.publicIp().isEmpty()) {
            return "none";
        }
        return i.publicIp() + (i.elasticIp() ? " (Elastic IP)" : "");
    }

    static void instanceFields(Reply.Builder reply, InstanceSummary i) {
        reply.field("ID", i.id())
                .field("Type", i.type())
                .field("State", i.state().label())
                .field("Public IP", publicIp(i))
                .field("Region", i.region());
    }

    /** A command about this instance that works from any channel: id plus pinned region. */
    static String about(String verb, InstanceSummary i) {
        return "ec2 " + verb + " " + i.id() + " --region " + i.region();
    }

    /** The obvious next steps for an instance in its state. */
    static void nextSteps(Reply.Builder reply, InstanceSummary i, boolean includeShow) {
        switch (i.state()) {
            case STOPPED -> reply.button(Button.primary("Start", about("start", i)));
            case RUNNING -> {
                reply.button(Button.of("Stop", about("stop", i)));
                reply.button(Button.of("Reboot", about("reboot", i)));
            }
            default -> { }
        }
        if (includeShow) {
            reply.button(Button.of("Show", about("show", i)));
        }
    }
}
