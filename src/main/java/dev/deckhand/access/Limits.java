package dev.deckhand.access;

import java.util.List;

/**
 * What a role may ask of AWS. An empty list means "any".
 *
 * @param regions       regions where this role may change things
 * @param instanceTypes instance types this role may launch
 * @param maxDiskGb     largest root volume this role may launch, 0 for no limit
 */
public record Limits(List<String> regions, List<String> instanceTypes, int maxDiskGb) {

    public Limits {
        regions = regions == null ? List.of() : List.copyOf(regions);
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
    }

    public static Limits none() {
        return new Limits(List.of(), List.of(), 0);
    }

    /** @param region a region, or a place in an account ({@code prod/eu-west-1}: its region is judged) */
    public boolean allowsRegion(String region) {
        String plain = region.substring(region.indexOf('/') + 1);
        return regions.isEmpty() || regions.contains(plain);
    }

    public boolean allowsType(String type) {
        return instanceTypes.isEmpty() || instanceTypes.contains(type);
    }

    public boolean allowsDisk(int gb) {
        return maxDiskGb <= 0 || gb <= maxDiskGb;
    }
}
