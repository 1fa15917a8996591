package dev.deckhand.costwatch;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * What kind of resource keeps billing, how the clean-up command names it ({@code leaks cleanup <noun> <id>}),
 * and how its reason is worded. The reason is re-worded when the age becomes known later (an Elastic IP's
 * age is "since Deckhand first saw it idle", which AWS does not report).
 */
public enum LeakKind {
    RUNNING_INSTANCE("instance", "Running instance") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Instance running" + forAge(age) + " (" + detail + ")";
        }
    },
    STOPPED_INSTANCE("instance", "Stopped instance") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Instance stopped" + forAge(age) + "; " + detail;
        }
    },
    EXPIRED_INSTANCE("instance", "Expired instance") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Instance " + age.map(a -> Ages.words(a) + " past").orElse("past") + " its deckhand:expires time ("
                    + detail + ")";
        }
    },
    ELASTIC_IP("eip", "Elastic IP") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Elastic IP " + detail + forAge(age);
        }
    },
    LOAD_BALANCER("lb", "Load balancer") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            // "Application load balancer; no requests in 7 days": what it is, then what CloudWatch saw.
            int note = detail.indexOf(';');
            return (note < 0 ? detail : detail.substring(0, note)) + " has no healthy targets"
                    + (note < 0 ? "" : detail.substring(note)) + createdAgo(age);
        }
    },
    CLASSIC_LOAD_BALANCER("clb", "Classic load balancer") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Classic load balancer " + detail + createdAgo(age);
        }
    },
    VOLUME("volume", "Unattached volume") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Volume (" + detail + ") not attached to any instance" + createdAgo(age);
        }
    },
    NAT_GATEWAY("nat", "Idle NAT gateway") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "NAT gateway " + detail + createdAgo(age);
        }
    },
    SNAPSHOT("snapshot", "Orphaned snapshot") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "Snapshot " + detail + createdAgo(age);
        }
    },
    STOPPED_DATABASE("rds", "Stopped RDS database") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "RDS database stopped" + forAge(age) + "; " + detail;
        }
    },
    IDLE_DATABASE("rds", "Idle RDS database") {
        @Override
        String reason(String detail, Optional<Duration> age) {
            return "RDS database " + detail + createdAgo(age);
        }
    };

    private final String noun;
    private final String label;

    LeakKind(String noun, String label) {
        this.noun = noun;
        this.label = label;
    }

    /** The word {@code leaks cleanup} takes: instance, eip, lb, clb, volume, nat, snapshot or rds. */
    public String noun() {
        return noun;
    }

    /** A short title, e.g. "Elastic IP". */
    public String label() {
        return label;
    }

    /** Why this resource is a leak, in words; {@code detail} is what the scanner saw. */
    abstract String reason(String detail, Optional<Duration> age);

    /** Nouns {@code leaks cleanup} accepts, for usage messages. */
    public static String nouns() {
        return String.join("|", Arrays.stream(values()).map(LeakKind::noun).distinct().toList());
    }

    public static boolean isNoun(String word) {
        return Arrays.stream(values()).anyMatch(k -> k.noun.equals(word));
    }

    private static String forAge(Optional<Duration> age) {
        return age.map(a -> " for " + Ages.words(a)).orElse("");
    }

    private static String createdAgo(Optional<Duration> age) {
        return age.map(a -> "; created " + Ages.words(a) + " ago").orElse("");
    }
}
