package dev.deckhand.access;

import dev.deckhand.chat.Reply;
import dev.deckhand.command.Arguments;
import dev.deckhand.command.CommandSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionCheckerTest {

    private final InMemoryGrants grants = new InMemoryGrants();
    private final PermissionChecker checker = new PermissionChecker(Policies.standard(), grants);

    private static CommandSpec spec(String name, Role role, boolean mutating) {
        // The checker reads only the name and the required role; whether it changes things is the plan's business.
        return CommandSpec.command(name).usage(name).description("d").example(name).role(role)
                .flags("type", "disk", "region").args(0, 1).handledBy(c -> Reply.ephemeral("ok"));
    }

    private Decision check(String user, String channel, CommandSpec spec, Map<String, String> flags, String region) {
        return checker.check(user, channel, spec.name(), spec.requiredRole());
    }

    @ParameterizedTest(name = "{0} running a {1} command is allowed={2}")
    @CsvSource({
            "UVIEW, VIEWER, true", "UVIEW, DEPLOYER, false", "UVIEW, ADMIN, false",
            "UDEP, VIEWER, true", "UDEP, DEPLOYER, true", "UDEP, ADMIN, false",
            "UADMIN, VIEWER, true", "UADMIN, DEPLOYER, true", "UADMIN, ADMIN, true"})
    void check_comparesRoleWithRequirement(String user, Role required, boolean allowed) {
        Decision d = check(user, "C1", spec("ec2 start", required, false), Map.of(), "us-east-1");
        assertThat(d instanceof Decision.Allowed).isEqualTo(allowed);
    }

    @Test
    void check_whenDenied_saysWhatIsNeededAndWhomToAsk() {
        Decision d = check("UVIEW", "C1", spec("ec2 launch", Role.DEPLOYER, true), Map.of(), "us-east-1");
        assertThat(d).isEqualTo(new Decision.Denied("`ec2 launch` needs the deployer role; you (UVIEW) are viewer. "
                + "Ask an admin (UADMIN, UADMIN2) to run `grant UVIEW deployer`."));
    }

    @Test
    void check_unknownUser_getsDefaultRole() {
        assertThat(checker.effectiveRole("USTRANGER", "C1").name()).isEqualTo("viewer");
    }

    @Test
    void check_grantInStore_overridesConfig() {
        grants.grant("UDEP", "admin", "UADMIN");
        assertThat(check("UDEP", "C1", spec("grant", Role.ADMIN, false), Map.of(), "us-east-1")).isInstanceOf(Decision.Allowed.class);
        grants.revoke("UDEP");
        assertThat(check("UDEP", "C1", spec("grant", Role.ADMIN, false), Map.of(), "us-east-1")).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void check_channelRole_liftsEveryoneInIt() {
        assertThat(checker.effectiveRole("UVIEW", "CDEPLOY").name()).isEqualTo("deployer");
        assertThat(checker.effectiveRole("UADMIN", "CDEPLOY").name()).isEqualTo("admin");
    }

    @Test
    void check_customRole_mayRunItsCommandsAndViewerOnes() {
        assertThat(check("UOPS", "C1", spec("ec2 stop", Role.DEPLOYER, true), Map.of(), "us-east-1")).isInstanceOf(Decision.Allowed.class);
        assertThat(check("UOPS", "C1", spec("ec2 list", Role.VIEWER, false), Map.of(), "us-east-1")).isInstanceOf(Decision.Allowed.class);
        assertThat(check("UOPS", "C1", spec("ec2 launch", Role.DEPLOYER, true), Map.of(), "us-east-1")).isInstanceOf(Decision.Denied.class);
    }

    @Test
    void effectiveRole_whenRoleNameUnknown_fallsBackToTheDefault() {
        AccessPolicy policy = new AccessPolicy(Policies.standard().roles(), Map.of("UX", "ghost"),
                Map.of("CGHOST", "ghost", "CDEPLOY", "deployer"), "viewer");
        PermissionChecker ghostly = new PermissionChecker(policy, new InMemoryGrants());

        assertThat(ghostly.effectiveRole("UX", "C1").name()).isEqualTo("viewer");
        assertThat(ghostly.effectiveRole("UX", "CGHOST").name()).isEqualTo("viewer");
        assertThat(ghostly.effectiveRole("UX", "CDEPLOY").name()).isEqualTo("deployer");
    }

    @Test
    void effectiveRole_channelRole_doesNotLiftACustomRole_norLowerAnyone() {
        assertThat(checker.effectiveRole("UOPS", "CDEPLOY").name()).isEqualTo("operator");
        assertThat(checker.effectiveRole("UDEP", "CDEPLOY").name()).isEqualTo("deployer");
        assertThat(checker.actor("UVIEW", "CDEPLOY")).isEqualTo(new Actor("UVIEW", checker.effectiveRole("UVIEW", "CDEPLOY")));
    }

    @Test
    void whomToAsk_namesGrantedAdminsToo_butNotTheAskerNorOtherRoles() {
        grants.grant("UNEW", "admin", "UADMIN");
        grants.grant("UVIEW2", "deployer", "UADMIN");

        assertThat(checker.whomToAsk("UADMIN", Role.ADMIN))
                .isEqualTo("Ask an admin (UADMIN2, UNEW) to run `grant UADMIN admin`.");
    }

    @Test
    void whomToAsk_whenNoOtherAdmin_asksAnyAdmin() {
        AccessPolicy lonely = new AccessPolicy(Policies.standard().roles(), Map.of("UADMIN", "admin"), Map.of(), "viewer");

        assertThat(new PermissionChecker(lonely, new InMemoryGrants()).whomToAsk("UADMIN", Role.DEPLOYER))
                .isEqualTo("Ask an admin to run `grant UADMIN deployer`.");
    }

    @Test
    void effectiveRole_channelRoleOnTheSameLevel_keepsTheUsersOwnLimits() {
        RoleDefinition euDeployer = new RoleDefinition("eu-deployer", Role.DEPLOYER, java.util.Set.of(),
                new Limits(java.util.List.of("eu-west-1"), java.util.List.of(), 0));
        java.util.Map<String, RoleDefinition> roles = new java.util.HashMap<>(Policies.standard().roles());
        roles.put("eu-deployer", euDeployer);
        AccessPolicy policy = new AccessPolicy(roles, Map.of("UEU", "eu-deployer"), Map.of("CDEPLOY", "deployer"), "viewer");

        assertThat(new PermissionChecker(policy, new InMemoryGrants()).effectiveRole("UEU", "CDEPLOY")).isEqualTo(euDeployer);
    }
}
