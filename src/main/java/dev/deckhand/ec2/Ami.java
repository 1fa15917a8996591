package dev.deckhand.ec2;

/**
 * A machine image resolved for one region.
 *
 * @param id         {@code ami-...}
 * @param requested  what the user asked for: an alias ({@code al2023}) or the id itself
 * @param name       the image's name as AWS reports it
 * @param rootDevice the root device name; the launch's volume size applies to it
 * @param architecture {@code x86_64} or {@code arm64}, empty when unknown
 */
public record Ami(String id, String requested, String name, String rootDevice, String architecture) {

    public Ami {
        architecture = architecture == null ? "" : architecture;
    }

    /** An image whose architecture was not read. */
    public Ami(String id, String requested, String name, String rootDevice) {
        this(id, requested, name, rootDevice, "");
    }

    public String describe() {
        // x86_64 goes without saying; a Graviton image says so.
        String what = requested.equals(id) ? "" : requested;
        String arch = architecture.equals("arm64") ? (what.isEmpty() ? "" : ", ") + architecture : "";
        return what.isEmpty() && arch.isEmpty() ? id : id + " (" + what + arch + ")";
    }
}
