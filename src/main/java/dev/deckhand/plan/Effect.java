package dev.deckhand.plan;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a change does to one resource. The set is closed: every guard handles every kind, and
 * the compiler says so when a kind is added.
 */
public sealed interface Effect {

    /** The resource the effect is about. */
    Target target();

    /** Every existing resource the effect changes or takes from (for the ownership rule). */
    default List<Target> touches() {
        return target().isNew() ? List.of() : List.of(target());
    }

    /** Positive when it adds to the bill, negative when it saves; unknown when the price is not known. */
    Cost monthlyChange();

    /**
     * Whether it can add to the bill. Only these count towards the cost rule: an unknown saving (a stop
     * of an instance whose price is not known) must not hold a change that only saves.
     */
    default boolean mayAddCost() {
        return true;
    }

    /** Whether something is lost for good: deletions, terminations, releases. */
    default boolean destructive() {
        return false;
    }

    /** In words, for the dry run, the card and the audit row. */
    String describe();

    /** The given targets that exist already (not created by this plan), in order; nulls are skipped. */
    private static List<Target> existing(Target... targets) {
        List<Target> all = new ArrayList<>();
        for (Target t : targets) {
            if (t != null && !t.isNew()) {
                all.add(t);
            }
        }
        return all;
    }

    /** Creates a resource (a security group, an Elastic IP, a load balancer, a record that did not exist). */
    record Create(Target target, Cost monthlyChange) implements Effect {
        @Override
        public String describe() {
            return "create " + target.kind().label() + " " + target.label();
        }
    }

    /** Launches an instance: what the limits on types and disks read. */
    record Launch(Target target, String instanceType, int diskGb, Cost monthlyChange) implements Effect {
        @Override
        public String describe() {
            return "launch " + instanceType + " instance " + target.label() + " with a " + diskGb + " GB disk";
        }
    }

    /** Deletes, terminates or releases a resource. */
    record Delete(Target target, Cost monthlyChange) implements Effect {
        @Override
        public boolean destructive() {
            return true;
        }

        @Override
        public boolean mayAddCost() {
            return false;
        }

        @Override
        public String describe() {
            return "delete " + target.kind().label() + " " + target.label();
        }
    }

    /** Starts, stops or reboots an instance. */
    record SetState(Target target, Transition transition, Cost monthlyChange) implements Effect {
        public enum Transition { START, STOP, REBOOT }

        @Override
        public boolean mayAddCost() {
            return transition == Transition.START;
        }

        @Override
        public String describe() {
            return transition.name().toLowerCase() + " " + target.kind().label() + " " + target.label();
        }
    }

    /**
     * Detaches an Elastic IP from an instance, attaches it to one, or both.
     *
     * @param from the instance it is taken from, when attached now
     * @param to   the instance it is given to; empty for a detach
     */
    record MoveAddress(Target target, Optional<Target> from, Optional<Target> to) implements Effect {
        public MoveAddress {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public List<Target> touches() {
            return existing(target, from.orElse(null), to.orElse(null));
        }

        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return "move Elastic IP " + target.label() + from.map(f -> " from " + f.label()).orElse("")
                    + to.map(t -> " to " + t.label()).orElse(" to nothing (detached, still billed)");
        }
    }

    /**
     * Opens TCP ports on a group. What the guard reads is the exposure after the change: the public
     * addresses that all of the group's rules for these ports admit together, existing plus new,
     * however the ranges were written.
     *
     * @param added              the ranges this change adds, canonical
     * @param rangesAfter        every range that admits these ports after the change, canonical
     * @param publicIpv4After    public IPv4 addresses admitted after the change (overlaps counted once)
     * @param publicIpv6After    public IPv6 addresses admitted after the change
     */
    record OpenPorts(Target target, int fromPort, int toPort, List<String> added, List<String> rangesAfter,
                     BigInteger publicIpv4After, BigInteger publicIpv6After) implements Effect {
        public OpenPorts {
            added = List.copyOf(added);
            rangesAfter = List.copyOf(rangesAfter);
            Objects.requireNonNull(publicIpv4After, "publicIpv4After");
            Objects.requireNonNull(publicIpv6After, "publicIpv6After");
        }

        public boolean covers(int port) {
            return fromPort <= port && port <= toPort;
        }

        @Override
        public List<Target> touches() {
            return target.isNew() ? List.of() : List.of(target);
        }

        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return "open tcp " + (fromPort == toPort ? fromPort : fromPort + "-" + toPort) + " from "
                    + String.join(", ", added) + " on " + target.label();
        }
    }

    /** Removes an inbound rule. */
    record ClosePorts(Target target, int fromPort, int toPort, String range) implements Effect {
        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return "close tcp " + (fromPort == toPort ? fromPort : fromPort + "-" + toPort) + " from " + range + " on "
                    + target.label();
        }
    }

    /**
     * Writes a DNS record set. A record that already points elsewhere is replaced: what it pointed at
     * is lost, so its owner matters.
     *
     * @param before the values now; empty when the record does not exist
     * @param after  the values after the change
     */
    record ReplaceRecord(Target target, List<String> before, List<String> after) implements Effect {
        public ReplaceRecord {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        /** Whether values that are there now will be overwritten with others. */
        public boolean replacesOther() {
            return !before.isEmpty() && !before.equals(after);
        }

        @Override
        public List<Target> touches() {
            return replacesOther() ? List.of(target) : List.of();
        }

        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return (before.isEmpty() ? "create" : "set") + " DNS record " + target.label() + " to "
                    + String.join(", ", after) + (replacesOther() ? " (now " + String.join(", ", before) + ")" : "");
        }
    }

    /**
     * Puts an existing instance behind a target group (a load balancer then sends it traffic): the
     * instance is changed too, so its owner matters.
     *
     * @param target   the target group
     * @param instance the instance registered in it
     */
    record Register(Target target, Target instance, int port) implements Effect {
        @Override
        public List<Target> touches() {
            return existing(target, instance);
        }

        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return "register " + instance.label() + " port " + port + " in target group " + target.label();
        }
    }

    /** Installs an artifact on an instance and restarts the app. */
    record Deploy(Target target, String artifact) implements Effect {
        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public String describe() {
            return "deploy " + artifact + " to " + target.label();
        }
    }

    /**
     * Sets, changes or removes an instance's off-hours schedule (Deckhand then stops and starts it on
     * its own). The instance is changed, so its owner matters; the cost is the monthly saving the
     * schedule makes (negative) or gives up, and only an increase counts towards the cost rule.
     *
     * @param change in words, e.g. {@code run only weekdays 09:00-19:00 Asia/Seoul}
     * @param saves  true when the change can only shorten the running hours (setting a schedule): then
     *               an unknown saving must not hold it, as with a stop
     */
    record Schedule(Target target, String change, Cost monthlyChange, boolean saves) implements Effect {
        @Override
        public boolean mayAddCost() {
            return !saves;
        }

        @Override
        public String describe() {
            return change + ": " + target.kind().label() + " " + target.label();
        }
    }

    /** Changes one of Deckhand's own settings (a channel's default region, a role grant). */
    record ChangeSetting(Target target, String before, String after) implements Effect {
        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public List<Target> touches() {
            return List.of();
        }

        @Override
        public String describe() {
            return "set " + target.label() + " from " + (before.isEmpty() ? "(unset)" : before) + " to "
                    + (after.isEmpty() ? "(unset)" : after);
        }
    }

    /**
     * A consequence a person must confirm before it happens, though it is neither a deletion nor someone
     * else's resource: an instance's Elastic IP replaced (the old one is detached and keeps billing), a
     * reused security group whose rules differ from what the launch asked for. The policy always holds it,
     * with {@code reason}; the owner rule applies to its target as to any other.
     *
     * @param reason what happens and why it matters, in words
     */
    record Confirm(Target target, String reason) implements Effect {
        @Override
        public Cost monthlyChange() {
            return Cost.ZERO;
        }

        @Override
        public boolean mayAddCost() {
            return false;
        }

        @Override
        public String describe() {
            return reason;
        }
    }
}
