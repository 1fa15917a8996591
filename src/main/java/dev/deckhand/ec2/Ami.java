package dev.deckhand.ec2;

/**
 * A machine image resolved for one region.
 *
 * @param id         {@code ami-...}
 * @param requested  what the user asked for: an alias ({@code al2023}) or the id itself
 * @param name       the image's name as AWS reports it
 * @param rootDevice the root device name; the launch's volume size applies to it
 */
public record Ami(String id, String requested, String name, String rootDevice) {

    public String describe() {
        return requested.equals(id) ? id : id + " (" + requested + ")";
    }
}
