package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import java.util.regex.Pattern;

/** Checks what users type as a region before it reaches AWS. */
public final class Regions {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");

    private Regions() {
    }

    public static String requireValid(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new UsageException("'" + region + "' is not an AWS region name.",
                    "Regions look like us-east-1, eu-west-2 or ap-northeast-2.");
        }
        return region;
    }
}
