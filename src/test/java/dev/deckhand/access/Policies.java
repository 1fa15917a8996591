package dev.deckhand.access;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The access policy the tests reason about: the shipped roles, with two admins and a deploy channel. */
public final class Policies {

    private Policies() {
    }

    /** The shipped approval thresholds: deletions and `ec2 terminate` held, $100/month, port 22. */
    public static final PolicySettings SETTINGS = new PolicySettings(Set.of("ec2 terminate"),
            new java.math.BigDecimal("100"), Set.of(22), PolicySettings.DEFAULT_IPV4_PREFIX, PolicySettings.DEFAULT_IPV6_PREFIX);

    public static AccessPolicy standard() {
        return new AccessPolicy(Map.of(
                "viewer", new RoleDefinition("viewer", Role.VIEWER, Set.of(), Limits.none()),
                "deployer", new RoleDefinition("deployer", Role.DEPLOYER, Set.of(),
                        new Limits(List.of("us-east-1", "eu-west-1"), List.of("t3.micro", "t3.small"), 30)),
                "admin", new RoleDefinition("admin", Role.ADMIN, Set.of(), Limits.none()),
                "operator", new RoleDefinition("operator", Role.VIEWER, Set.of("ec2 stop"), Limits.none())),
                Map.of("UADMIN", "admin", "UADMIN2", "admin", "UDEP", "deployer", "UOPS", "operator"),
                Map.of("CDEPLOY", "deployer"),
                "viewer");
    }
}
