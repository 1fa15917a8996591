package dev.deckhand.plan;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each effect says (the dry run, the card and the audit row print it), what it costs and which
 * existing resources it touches (the ownership rule and the pin read those).
 */
class EffectTest {

    private static final String REGION = "us-east-1";

    private static Target existing(Kind kind, String id, String label) {
        return new Target(kind, id, REGION, new Owner.User("UDEP"), "", label, "fp-" + id);
    }

    private static final Target INSTANCE = existing(Kind.INSTANCE, "i-1", "web-1 (i-1)");
    private static final Target OTHER = existing(Kind.INSTANCE, "i-2", "web-2 (i-2)");
    private static final Target GROUP = existing(Kind.SECURITY_GROUP, "sg-1", "deckhand-web");
    private static final Target NEW_EIP = Target.created(Kind.ELASTIC_IP, "eip", REGION, "UDEP", "");
    private static final Target NEW_INSTANCE = Target.created(Kind.INSTANCE, "web-3", REGION, "UDEP", "");

    @Test
    void create_describe_namesKindAndLabel_andTouchesNothingNew() {
        Effect.Create create = new Effect.Create(NEW_EIP, Cost.usd(new BigDecimal("3.6")));

        assertThat(create.describe()).isEqualTo("create Elastic IP eip");
        assertThat(create.monthlyChange()).isEqualTo(Cost.usd(new BigDecimal("3.60")));
        assertThat(create.touches()).isEmpty();
        assertThat(create.mayAddCost()).isTrue();
        assertThat(create.destructive()).isFalse();
        assertThat(new Effect.Create(GROUP, Cost.ZERO).touches()).containsExactly(GROUP);
    }

    @Test
    void launch_describe_namesTypeAndDisk() {
        Effect.Launch launch = new Effect.Launch(NEW_INSTANCE, "t3.micro", 8, Cost.usd(BigDecimal.TEN));

        assertThat(launch.describe()).isEqualTo("launch t3.micro instance web-3 with a 8 GB disk");
        assertThat(launch.touches()).isEmpty();
    }

    @Test
    void delete_describe_isDestructive_andNeverAddsCost() {
        Effect.Delete delete = new Effect.Delete(GROUP, Cost.ZERO);

        assertThat(delete.describe()).isEqualTo("delete security group deckhand-web");
        assertThat(delete.destructive()).isTrue();
        assertThat(delete.mayAddCost()).isFalse();
        assertThat(delete.touches()).containsExactly(GROUP);
    }

    @Test
    void setState_describe_usesTheTransitionInLowerCase_andOnlyStartAddsCost() {
        Cost price = Cost.usd(new BigDecimal("7.59"));
        Effect.SetState start = new Effect.SetState(INSTANCE, Effect.SetState.Transition.START, price);
        Effect.SetState stop = new Effect.SetState(INSTANCE, Effect.SetState.Transition.STOP, price.negate());
        Effect.SetState reboot = new Effect.SetState(INSTANCE, Effect.SetState.Transition.REBOOT, Cost.ZERO);

        assertThat(start.describe()).isEqualTo("start instance web-1 (i-1)");
        assertThat(stop.describe()).isEqualTo("stop instance web-1 (i-1)");
        assertThat(reboot.describe()).isEqualTo("reboot instance web-1 (i-1)");
        assertThat(start.mayAddCost()).isTrue();
        assertThat(stop.mayAddCost()).isFalse();
        assertThat(reboot.mayAddCost()).isFalse();
        assertThat(start.monthlyChange()).isEqualTo(price);
        assertThat(start.touches()).containsExactly(INSTANCE);
    }

    @Test
    void moveAddress_touchesTheAddressAndBothInstances_butNotANewOne() {
        Target eip = existing(Kind.ELASTIC_IP, "eipalloc-1", "1.2.3.4");
        Effect.MoveAddress move = new Effect.MoveAddress(eip, Optional.of(INSTANCE), Optional.of(OTHER));

        assertThat(move.describe()).isEqualTo("move Elastic IP 1.2.3.4 from web-1 (i-1) to web-2 (i-2)");
        assertThat(move.touches()).containsExactly(eip, INSTANCE, OTHER);
        assertThat(move.monthlyChange()).isEqualTo(Cost.ZERO);
        assertThat(new Effect.MoveAddress(NEW_EIP, Optional.empty(), Optional.of(NEW_INSTANCE)).touches()).isEmpty();
        assertThat(new Effect.MoveAddress(NEW_EIP, Optional.empty(), Optional.of(NEW_INSTANCE)).describe())
                .isEqualTo("move Elastic IP eip to web-3");
    }

    @Test
    void openPorts_describe_showsARange_andTouchesOnlyAnExistingGroup() {
        Effect.OpenPorts open = new Effect.OpenPorts(GROUP, 8000, 8080, List.of("10.0.0.0/8", "192.168.0.0/16"),
                List.of("10.0.0.0/8"), BigInteger.ONE, BigInteger.TWO);
        Target newGroup = Target.created(Kind.SECURITY_GROUP, "g", REGION, "UDEP", "");

        assertThat(open.describe()).isEqualTo("open tcp 8000-8080 from 10.0.0.0/8, 192.168.0.0/16 on deckhand-web");
        assertThat(open.covers(8000)).isTrue();
        assertThat(open.covers(8080)).isTrue();
        assertThat(open.covers(7999)).isFalse();
        assertThat(open.covers(8081)).isFalse();
        assertThat(open.touches()).containsExactly(GROUP);
        assertThat(open.monthlyChange()).isEqualTo(Cost.ZERO);
        assertThat(new Effect.OpenPorts(newGroup, 22, 22, List.of(), List.of(), BigInteger.ZERO, BigInteger.ZERO)
                .touches()).isEmpty();
    }

    @Test
    void closePorts_describe_showsOnePortOrARange() {
        assertThat(new Effect.ClosePorts(GROUP, 22, 22, "0.0.0.0/0").describe())
                .isEqualTo("close tcp 22 from 0.0.0.0/0 on deckhand-web");
        assertThat(new Effect.ClosePorts(GROUP, 80, 443, "::/0").describe())
                .isEqualTo("close tcp 80-443 from ::/0 on deckhand-web");
        assertThat(new Effect.ClosePorts(GROUP, 22, 22, "x").monthlyChange()).isEqualTo(Cost.ZERO);
        assertThat(new Effect.ClosePorts(GROUP, 22, 22, "x").touches()).containsExactly(GROUP);
    }

    @Test
    void replaceRecord_touchesTheRecordOnlyWhenItOverwritesOtherValues() {
        Target record = new Target(Kind.DNS_RECORD, "app.example.com A", Target.GLOBAL,
                new Owner.Unreadable("records carry no tags"), "", "app.example.com", "1.1.1.1");

        assertThat(new Effect.ReplaceRecord(record, List.of(), List.of("2.2.2.2")).describe())
                .isEqualTo("create DNS record app.example.com to 2.2.2.2");
        assertThat(new Effect.ReplaceRecord(record, List.of("2.2.2.2"), List.of("2.2.2.2")).describe())
                .isEqualTo("set DNS record app.example.com to 2.2.2.2");
        assertThat(new Effect.ReplaceRecord(record, List.of("2.2.2.2"), List.of("2.2.2.2")).touches()).isEmpty();
        assertThat(new Effect.ReplaceRecord(record, List.of("1.1.1.1"), List.of("2.2.2.2", "3.3.3.3")).touches())
                .containsExactly(record);
        assertThat(new Effect.ReplaceRecord(record, List.of("1.1.1.1"), List.of("2.2.2.2")).monthlyChange())
                .isEqualTo(Cost.ZERO);
    }

    @Test
    void register_touchesTheGroupAndTheInstance_unlessNew() {
        Target tg = existing(Kind.TARGET_GROUP, "arn:tg", "web-tg");
        Target newTg = Target.created(Kind.TARGET_GROUP, "tg", REGION, "UDEP", "");

        Effect.Register register = new Effect.Register(tg, INSTANCE, 8080);

        assertThat(register.describe()).isEqualTo("register web-1 (i-1) port 8080 in target group web-tg");
        assertThat(register.touches()).containsExactly(tg, INSTANCE);
        assertThat(new Effect.Register(newTg, INSTANCE, 80).touches()).containsExactly(INSTANCE);
        assertThat(new Effect.Register(tg, NEW_INSTANCE, 80).touches()).containsExactly(tg);
        assertThat(register.monthlyChange()).isEqualTo(Cost.ZERO);
    }

    @Test
    void deploy_describe_namesArtifactAndInstance() {
        Effect.Deploy deploy = new Effect.Deploy(INSTANCE, "app-1.2.jar");

        assertThat(deploy.describe()).isEqualTo("deploy app-1.2.jar to web-1 (i-1)");
        assertThat(deploy.monthlyChange()).isEqualTo(Cost.ZERO);
        assertThat(deploy.touches()).containsExactly(INSTANCE);
    }

    @Test
    void changeSetting_describe_saysUnsetForEmpty_andTouchesNoResource() {
        Target setting = new Target(Kind.CHANNEL_SETTING, "C1 region", Target.GLOBAL, new Owner.Nobody(), "",
                "#ops default region", "");

        assertThat(new Effect.ChangeSetting(setting, "", "eu-west-1").describe())
                .isEqualTo("set #ops default region from (unset) to eu-west-1");
        assertThat(new Effect.ChangeSetting(setting, "eu-west-1", "").describe())
                .isEqualTo("set #ops default region from eu-west-1 to (unset)");
        assertThat(new Effect.ChangeSetting(setting, "a", "b").touches()).isEmpty();
        assertThat(new Effect.ChangeSetting(setting, "a", "b").monthlyChange()).isEqualTo(Cost.ZERO);
    }

    @Test
    void target_defaultsMissingStackLabelAndFingerprint() {
        Target bare = new Target(Kind.VOLUME, "vol-1", REGION, new Owner.Nobody(), null, null, null);
        Target blankLabel = new Target(Kind.VOLUME, "vol-1", REGION, new Owner.Nobody(), "s", "  ", "f");

        assertThat(bare.stack()).isEmpty();
        assertThat(bare.label()).isEqualTo("vol-1");
        assertThat(bare.fingerprint()).isEmpty();
        assertThat(blankLabel.label()).isEqualTo("vol-1");
        assertThat(blankLabel.stack()).isEqualTo("s");
        assertThat(blankLabel.fingerprint()).isEqualTo("f");
        assertThat(bare.pin()).isEqualTo("VOLUME vol-1 us-east-1 owner no one (no deckhand:owner tag) []");
    }

    @Test
    void json_leavesOutEmptyOptionalFields_andListsOtherTouchedResources() {
        PlanContext context = new PlanContext("p-2", "eip move", "UDEP", REGION);
        Target eip = existing(Kind.ELASTIC_IP, "eipalloc-1", "1.2.3.4");
        String json = PlanJson.write(Plan.builder(context)
                .effect(new Effect.MoveAddress(eip, Optional.empty(), Optional.of(OTHER)))
                .effect(new Effect.Create(NEW_EIP, Cost.usd(new BigDecimal("3.6"))))
                .build());

        assertThat(json).isEqualTo("{\"id\":\"p-2\",\"command\":\"eip move\",\"requester\":\"UDEP\","
                + "\"region\":\"us-east-1\",\"effects\":["
                + "{\"effect\":\"MoveAddress\",\"describe\":\"move Elastic IP 1.2.3.4 to web-2 (i-2)\","
                + "\"destructive\":false,\"monthlyChange\":0.00,"
                + "\"target\":{\"kind\":\"ELASTIC_IP\",\"id\":\"eipalloc-1\",\"region\":\"us-east-1\",\"owner\":\"UDEP\","
                + "\"label\":\"1.2.3.4\",\"fingerprint\":\"fp-eipalloc-1\"},"
                + "\"touches\":[{\"kind\":\"INSTANCE\",\"id\":\"i-2\",\"region\":\"us-east-1\",\"owner\":\"UDEP\","
                + "\"label\":\"web-2 (i-2)\",\"fingerprint\":\"fp-i-2\"}]},"
                + "{\"effect\":\"Create\",\"describe\":\"create Elastic IP eip\",\"destructive\":false,"
                + "\"monthlyChange\":3.60,\"target\":{\"kind\":\"ELASTIC_IP\",\"id\":\"new:eip\","
                + "\"region\":\"us-east-1\",\"owner\":\"UDEP\",\"label\":\"eip\"}}],"
                + "\"monthlyChange\":3.60}");
    }

    @Test
    void json_keepsAStack_andDetailsAndNotesWhenThere() {
        PlanContext context = new PlanContext("p-3", "ec2 launch", "UDEP", REGION);
        String json = PlanJson.write(Plan.builder(context)
                .effect(new Effect.Create(Target.created(Kind.ELASTIC_IP, "e", REGION, "UDEP", "web"), Cost.ZERO))
                .detail("AMI", "ami-1").note("n").build());

        assertThat(json).contains("\"stack\":\"web\"").contains("\"details\":{\"AMI\":\"ami-1\"}")
                .contains("\"notes\":[\"n\"]");
        assertThat(PlanJson.write(Plan.nothingToDo(context, "x"))).doesNotContain("details").contains("\"notes\"");
        assertThat(PlanJson.write(new Plan("p", "c", "r", REGION, List.of(), Map.of(), List.of())))
                .doesNotContain("notes");
    }
}
