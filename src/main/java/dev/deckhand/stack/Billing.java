package dev.deckhand.stack;

import java.util.Map;

/**
 * What a resource is billed for, so teardown can say what removing it saves.
 *
 * @param instanceType      a running instance's type, or empty
 * @param publicIpv4s       public IPv4 addresses it holds (Elastic or auto-assigned)
 * @param volumeGbByType    EBS gigabytes by volume type (gp3, gp2, ...)
 * @param applicationLoadBalancer whether it is an ALB (hourly charge)
 */
public record Billing(String instanceType, int publicIpv4s, Map<String, Integer> volumeGbByType,
                      boolean applicationLoadBalancer) {

    public static final Billing NONE = new Billing("", 0, Map.of(), false);

    public Billing {
        volumeGbByType = Map.copyOf(volumeGbByType);
    }

    public static Billing publicIpv4() {
        return new Billing("", 1, Map.of(), false);
    }

    public static Billing volume(String type, int gb) {
        return new Billing("", 0, Map.of(type, gb), false);
    }

    public static Billing alb() {
        return new Billing("", 0, Map.of(), true);
    }
}
