package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import java.util.List;
import java.util.regex.Pattern;

/** Checks what users type as a region before it reaches AWS. */
public final class Regions {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");

    private Regions() {
    }

    /**
     * AWS's public region names (2025). A well-formed name that is not here is most likely a typo
     * ({@code ap-ortheast-2}); one AWS opened since is still accepted where AWS itself lists it as
     * enabled ({@link RegionGuard#watched}).
     */
    public static final List<String> KNOWN = List.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2",
            "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "mx-central-1",
            "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1");

    /** A well-formed name AWS has (see {@link #KNOWN}); otherwise a usage error with the nearest real name. */
    public static String requireValid(String region) {
        requireWellFormed(region);
        if (!KNOWN.contains(region)) {
            throw new UsageException("'" + region + "' is not an AWS region." + nearest(region),
                    "Regions look like us-east-1, eu-west-2 or ap-northeast-2.");
        }
        return region;
    }

    /** Only the form (letters-letters-digits), with the nearest real name when it is not even that. */
    static String requireWellFormed(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new UsageException("'" + region + "' is not an AWS region name." + nearest(region),
                    "Regions look like us-east-1, eu-west-2 or ap-northeast-2.");
        }
        return region;
    }

    /** " Did you mean ap-northeast-2?" for a near miss, else nothing. */
    public static String nearest(String region) {
        if (region == null || region.length() > 40 || KNOWN.contains(region)) {
            return "";
        }
        return Suggestions.nearest(region.toLowerCase(java.util.Locale.ROOT), KNOWN)
                .map(r -> " Did you mean " + r + "?").orElse("");
    }
}
