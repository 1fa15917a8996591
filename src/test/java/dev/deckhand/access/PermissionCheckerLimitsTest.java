package dev.deckhand.access;

import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionCheckerLimitsTest {

    private static final CommandSpec LAUNCH = CommandSpec.command("ec2 launch").usage("ec2 launch <name>").description("d")
            .example("ec2 launch web").role(Role.DEPLOYER).flags("type", "disk").args(1, 1).mutating()
            .handledBy(c -> null);

    private static final AccessPolicy POLICY = new AccessPolicy(Map.of(
            "viewer", new RoleDefinition("viewer", Role.VIEWER, Set.of(), Limits.none()),
            "deployer", new RoleDefinition("deployer", Role.DEPLOYER, Set.of(),
                    new Limits(List.of("us-east-1"), List.of("t3.micro"), 30))),
            Map.of("U_DEP", "deployer"), Map.of(), "viewer");

    private static final GrantStore NO_GRANTS = new InMemoryGrants();

    private static Arguments flags(Map<String, String> flags) {
        return new Arguments(List.of("web"), flags);
    }

    @Test
    void launch_whenTypeAboveLimits_andApprovable_needsApproval() {
        PermissionChecker checker = new PermissionChecker(POLICY, NO_GRANTS, spec -> true);

        Decision decision = checker.check("U_DEP", "C1", LAUNCH, flags(Map.of("type", "m5.large")), "us-east-1");

        assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
        assertThat(((Decision.NeedsApproval) decision).reason())
                .isEqualTo("Instance type m5.large is beyond role deployer's limits (allowed: t3.micro).");
    }

    @Test
    void launch_whenTypeAboveLimits_andNotApprovable_isDenied() {
        PermissionChecker checker = new PermissionChecker(POLICY, NO_GRANTS);

        Decision decision = checker.check("U_DEP", "C1", LAUNCH, flags(Map.of("type", "m5.large")), "us-east-1");

        assertThat(decision).isEqualTo(new Decision.Denied("Instance type 'm5.large' is not allowed for role deployer. "
                + "Allowed: t3.micro. Ask an admin, or use --type t3.micro."));
    }

    @Test
    void launch_whenRegionNotAllowed_isDenied_evenWhenApprovable() {
        PermissionChecker checker = new PermissionChecker(POLICY, NO_GRANTS, spec -> true);

        assertThat(checker.check("U_DEP", "C1", LAUNCH, flags(Map.of("disk", "100")), "eu-west-1"))
                .isInstanceOf(Decision.Denied.class);
        assertThat(checker.check("U_VIEW", "C1", LAUNCH, flags(Map.of()), "us-east-1")).isInstanceOf(Decision.Denied.class);
        assertThat(checker.check("U_DEP", "C1", LAUNCH, flags(Map.of("disk", "30")), "us-east-1"))
                .isInstanceOf(Decision.Allowed.class);
    }
}
