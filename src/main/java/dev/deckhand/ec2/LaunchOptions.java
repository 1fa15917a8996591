package dev.deckhand.ec2;

import dev.deckhand.command.Arguments;
import dev.deckhand.validate.UsageException;
import dev.deckhand.validate.Inputs;
import dev.deckhand.validate.Numbers;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code ec2 launch}'s arguments before anything reaches AWS; every problem is a
 * {@link UsageException} saying what was wrong, the right form and an example.
 */
public final class LaunchOptions {

    public static final String DEFAULT_TYPE = "t3.micro";
    public static final String DEFAULT_AMI = "al2023";
    public static final String DEFAULT_PORTS = "80,443";
    public static final String DEFAULT_FROM = "0.0.0.0/0";
    public static final int DEFAULT_DISK_GB = 8;
    public static final int MAX_DISK_GB = 16384;
    static final List<String> AMI_ALIASES = List.of("al2023", "ubuntu-24.04", "ubuntu-22.04");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Duration MAX_TTL = Duration.ofDays(365);

    private LaunchOptions() {
    }

    public static LaunchSpec parse(Arguments args, String region) {
        String name = args.positional(0);
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("'" + name + "' is not a valid instance name: use letters, digits and dashes, "
                    + "up to 64 characters, starting with a letter or digit.", "For example: ec2 launch web-1");
        }
        String type = args.flagOr("type", DEFAULT_TYPE).toLowerCase();
        if (!TYPE.matcher(type).matches()) {
            throw new UsageException("'" + type + "' is not an instance type.", "For example: --type t3.micro");
        }
        String ami = args.flagOr("ami", DEFAULT_AMI);
        if (!AMI_ALIASES.contains(ami) && !AMI_ID.matcher(ami).matches()) {
            throw new UsageException("--ami must be one of " + String.join(", ", AMI_ALIASES) + " or an AMI id, not '"
                    + ami + "'.", "For example: --ami ubuntu-24.04 or --ami ami-0abcdef1234567890");
        }
        String key = args.flagOr("key", "").strip();
        if (key.length() > 255) {
            throw new UsageException("--key is longer than a key pair name can be (255).", "For example: --key my-laptop");
        }
        Optional<AppSetup> app = AppOptions.parse(args); // first: its --port message is the clearer one
        // nginx needs 80 (certbot's HTTP check, the redirect) and 443 (open to everyone); behind it the app's port stays closed.
        List<Integer> ports = ports(String.join(",", openedPorts(args)));
        String from = from(args.flagOr("from", DEFAULT_FROM).strip());
        int disk = args.intFlag("disk", DEFAULT_DISK_GB, DEFAULT_DISK_GB, MAX_DISK_GB);
        Optional<Duration> ttl = args.flag("ttl").map(LaunchOptions::ttl);
        return new LaunchSpec(name, region, type, ami, key, ports, from, disk, ttl, app);
    }

    /**
     * The ports a launch opens, as typed: {@code --open} (default {@value #DEFAULT_PORTS}; {@code none}:
     * nothing) plus nginx's 80 and 443 with {@code --https nginx}, or else the app's {@code --port} with {@code --app}. Unchecked: {@link #parse} rejects bad
     * ones. The approval policy reads this same list, so what it checks is what the launch opens.
     */
    public static List<String> openedPorts(Arguments args) {
        List<String> specs = new ArrayList<>();
        String raw = args.flagOr("open", DEFAULT_PORTS).strip();
        if (!raw.isBlank() && !raw.equalsIgnoreCase("none")) {
            for (String part : raw.split(",")) {
                specs.add(part.strip());
            }
        }
        if (args.flag("https").map(h -> h.strip().equalsIgnoreCase("nginx")).orElse(false)) {
            AppSetup.NGINX_PORTS.forEach(p -> specs.add(String.valueOf(p)));
        } else if (args.has("app")) {
            // The direct path: the app is reached on its own port (--port), so that port is opened to --from.
            specs.add(args.flagOr("port", String.valueOf(AppOptions.DEFAULT_PORT)).strip());
        }
        return specs;
    }

    /**
     * The one CIDR check ({@link Inputs#cidr}, as {@code sg open} uses), worded for --from; a bare address
     * is /32. Several blocks may be given separated by commas; they come back canonical, in the order
     * given, without repeats, joined by commas.
     */
    static String from(String raw) {
        java.util.LinkedHashSet<String> blocks = new java.util.LinkedHashSet<>();
        for (String part : raw.split(",", -1)) {
            try {
                blocks.add(Inputs.cidr(part.strip()).block());
            } catch (UsageException e) {
                // The parser says what is wrong with it (host bits set: here is the network address); keep that.
                if (e.getMessage().contains("host bits")) {
                    throw new UsageException("--from " + e.getMessage(), e.hint());
                }
                throw new UsageException("--from must be a CIDR block, not '" + part.strip() + "'.",
                        "For example: --from 203.0.113.7/32 (one address), --from 203.0.113.7/32,198.51.100.0/24 "
                                + "(several) or --from 0.0.0.0/0 (everyone)");
            }
        }
        return String.join(",", blocks);
    }

    static List<Integer> ports(String raw) {
        if (raw.isBlank() || raw.equalsIgnoreCase("none")) {
            return List.of();
        }
        TreeSet<Integer> ports = new TreeSet<>();
        for (String part : raw.split(",")) {
            String p = part.strip();
            Numbers.Reading reading = Numbers.read(p, 1, 65535);
            if (!(reading instanceof Numbers.Whole port)) {
                String why = reading instanceof Numbers.Malformed m ? " (" + m.reason() + ")" : "";
                throw new UsageException("--open takes TCP ports from 1 to 65535 separated by commas; '" + p
                        + "' is not one" + why + ".", "For example: --open 80,443 (add 22 for SSH), or --open none");
            }
            ports.add(port.value());
        }
        return new ArrayList<>(ports);
    }

    /**
     * A TTL: a whole number (as {@link Numbers} reads it) of hours, days or weeks ({@code h d w}, either
     * case), more than zero and at most a year: 8760h, 365d or 52w.
     */
    static Duration ttl(String raw) {
        String problem = "--ttl must be a number of hours, days or weeks up to a year, not '" + raw + "'";
        String hint = "For example: --ttl 12h, --ttl 7d or --ttl 2w";
        int last = raw.length() - 1;
        ChronoUnit unit = last < 1 ? null : switch (raw.charAt(last)) {
            case 'h', 'H' -> ChronoUnit.HOURS;
            case 'd', 'D' -> ChronoUnit.DAYS;
            case 'w', 'W' -> ChronoUnit.WEEKS;
            default -> null;
        };
        if (unit == null) {
            throw new UsageException(problem + ".", hint);
        }
        int max = (int) (MAX_TTL.getSeconds() / unit.getDuration().getSeconds());
        Numbers.Reading reading = Numbers.read(raw.substring(0, last), 1, max);
        if (reading instanceof Numbers.Whole n) {
            return unit.getDuration().multipliedBy(n.value());
        }
        String why = reading instanceof Numbers.Malformed m ? ": " + m.reason() : "";
        throw new UsageException(problem + why + ".", hint);
    }
}
