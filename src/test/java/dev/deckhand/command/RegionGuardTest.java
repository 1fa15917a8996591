package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegionGuardTest {

    private final AtomicInteger asked = new AtomicInteger();
    private final RegionGuard guard = RegionGuard.watched("us-east-1", () -> {
        asked.incrementAndGet();
        return List.of("ap-northeast-2", "eu-west-1", "us-east-1");
    });

    @Test
    void theHomeRegion_isAllowedWithoutAskingForTheList() {
        assertThat(guard.require("us-east-1")).isEqualTo("us-east-1");
        assertThat(asked).hasValue(0);
    }

    @Test
    void aWatchedRegion_isAllowed() {
        assertThat(guard.require("eu-west-1")).isEqualTo("eu-west-1");
    }

    @Test
    void aWellSpelledRegionThatIsNotWatched_isRefusedWithTheList() {
        assertThatThrownBy(() -> guard.require("me-central-1")).isInstanceOf(UsageException.class)
                .hasMessage("Deckhand does not work in region 'me-central-1'.");
    }

    @Test
    void aTypo_isRefusedWithASuggestion_andTheList() {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> guard.require("ap-ortheast-2"));

        assertThat(e.getMessage()).isEqualTo("Deckhand does not work in region 'ap-ortheast-2'. Did you mean ap-northeast-2?");
        assertThat(e.hint()).isEqualTo("Watched regions: ap-northeast-2, eu-west-1, us-east-1 (aws.regions in config). "
                + "For example: --region ap-northeast-2");
    }

    @Test
    void aMalformedName_isRefusedBeforeTheListIsAsked() {
        assertThatThrownBy(() -> guard.require("mars-1")).isInstanceOf(UsageException.class)
                .hasMessage("'mars-1' is not an AWS region name.");
        assertThat(asked).hasValue(0);
    }

    @Test
    void aWellFormedTypoOfARealRegion_isRefusedWithTheRealName_evenWhereNoWatchedListIsAsked() {
        UsageException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> RegionGuard.SPELLING_ONLY.require("ap-ortheast-2"), UsageException.class);

        assertThat(e.getMessage()).isEqualTo("'ap-ortheast-2' is not an AWS region. Did you mean ap-northeast-2?");
    }

    @Test
    void aRegionAwsListsAsEnabled_isAllowedEvenWhenDeckhandsListOfNamesIsOlder() {
        RegionGuard newer = RegionGuard.watched("us-east-1", () -> List.of("us-east-1", "xx-newplace-1"));

        assertThat(newer.require("xx-newplace-1")).isEqualTo("xx-newplace-1");
    }
}
