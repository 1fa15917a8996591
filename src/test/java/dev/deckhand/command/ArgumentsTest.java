package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    private static Arguments disk(String value) {
        return new Arguments(List.of(), Map.of("disk", value));
    }

    @Test
    void intFlag_absent_isTheFallback() {
        assertThat(Arguments.none().intFlag("disk", 8, 8, 16384)).isEqualTo(8);
    }

    @Test
    void intFlag_readsTheOneSpelling_atBothEnds() {
        assertThat(disk("8").intFlag("disk", 8, 8, 16384)).isEqualTo(8);
        assertThat(disk("16384").intFlag("disk", 8, 8, 16384)).isEqualTo(16384);
    }

    @Test
    void intFlag_outOfRange_statesTheRange() {
        assertThatThrownBy(() -> disk("16385").intFlag("disk", 8, 8, 16384)).isInstanceOf(UsageException.class)
                .hasMessage("--disk must be a whole number from 8 to 16384, not '16385'.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: --disk 8");
    }

    /** Issue 9: a limit checked on the text must not be walked around by a spelling parseInt accepts. */
    @Test
    void intFlag_otherSpellingsOfTheSameSize_areRefused() {
        assertThatThrownBy(() -> disk("١٠٠").intFlag("disk", 8, 8, 16384))
                .hasMessage("--disk must be a whole number from 8 to 16384, not '١٠٠': it uses a digit other than 0-9 (U+0661).")
                .extracting(e -> ((UsageException) e).hint())
                .isEqualTo("Write it with the digits 0-9 only, without sign, spaces or leading zeros. For example: --disk 8");
        assertThatThrownBy(() -> disk("+100").intFlag("disk", 8, 8, 16384))
                .hasMessage("--disk must be a whole number from 8 to 16384, not '+100': it has a sign.");
        assertThatThrownBy(() -> disk("0100").intFlag("disk", 8, 8, 16384))
                .hasMessage("--disk must be a whole number from 8 to 16384, not '0100': it has a leading zero.");
        assertThatThrownBy(() -> disk(" 100").intFlag("disk", 8, 8, 16384))
                .hasMessage("--disk must be a whole number from 8 to 16384, not ' 100': it contains a space (U+0020).");
    }
}
