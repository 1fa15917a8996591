package dev.deckhand.validate;

import dev.deckhand.validate.Numbers.Malformed;
import dev.deckhand.validate.Numbers.OutOfRange;
import dev.deckhand.validate.Numbers.Whole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {

    @Test
    void read_whenCanonical_isTheValue_atBothEndsOfTheRange() {
        assertThat(Numbers.read("0", 0, 10)).isEqualTo(new Whole(0));
        assertThat(Numbers.read("10", 0, 10)).isEqualTo(new Whole(10));
        assertThat(Numbers.read("8", 8, 16384)).isEqualTo(new Whole(8));
        assertThat(Numbers.read("16384", 8, 16384)).isEqualTo(new Whole(16384));
        assertThat(Numbers.read("2147483647", 0, Integer.MAX_VALUE)).isEqualTo(new Whole(Integer.MAX_VALUE));
    }

    @Test
    void read_whenOutsideTheRange_saysByHowMuch() {
        assertThat(Numbers.read("7", 8, 16384)).isEqualTo(new OutOfRange(BigInteger.valueOf(7)));
        assertThat(Numbers.read("16385", 8, 16384)).isEqualTo(new OutOfRange(BigInteger.valueOf(16385)));
        assertThat(Numbers.read("0", 1, 65535)).isEqualTo(new OutOfRange(BigInteger.ZERO));
        assertThat(Numbers.read("99999999999999999999", 0, Integer.MAX_VALUE))
                .isEqualTo(new OutOfRange(new BigInteger("99999999999999999999")));
        assertThat(Numbers.read("2147483648", 0, Integer.MAX_VALUE)).isInstanceOf(OutOfRange.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|it is empty",
            "+20|it has a sign",
            "-1|it has a sign",
            "020|it has a leading zero",
            "00|it has a leading zero",
            "٢٠|it uses a digit other than 0-9 (U+0662)",
            "2٠|it uses a digit other than 0-9 (U+0660)",
            "２０|it uses a digit other than 0-9 (U+FF12)",
            "' 20'|it contains a space (U+0020)",
            "'2 0'|it contains a space (U+0020)",
            "'20\u00a0'|it contains a space (U+00A0)",
            "'20\t'|it contains a space (U+0009)",
            "1_000|it contains '_', which is not a digit 0-9",
            "1,000|it contains ',', which is not a digit 0-9",
            "1.5|it contains '.', which is not a digit 0-9",
            "2-0|it contains '-', which is not a digit 0-9",
            "0x10|it contains 'x', which is not a digit 0-9",
            "1e3|it contains 'e', which is not a digit 0-9",
            "²|it contains U+00B2, which is not a digit 0-9",
            "2\u200b0|it contains U+200B, which is not a digit 0-9",
            "\uD835\uDFD0|it uses a digit other than 0-9 (U+1D7D0)",
    })
    void read_whenNotTheOneSpelling_saysWhatIsWrong(String raw, String reason) {
        assertThat(Numbers.read(raw, 0, 100000)).isEqualTo(new Malformed(reason));
    }

    @Test
    void read_null_isEmpty() {
        assertThat(Numbers.read(null, 0, 1)).isEqualTo(new Malformed("it is empty"));
    }

    @Test
    void read_spellingIsJudgedBeforeTheRange() {
        assertThat(Numbers.read("099999", 0, 10)).isEqualTo(new Malformed("it has a leading zero"));
    }

    @Test
    void read_badRange_isAProgrammingError() {
        assertThatThrownBy(() -> Numbers.read("1", -1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Bad range -1..10");
        assertThatThrownBy(() -> Numbers.read("1", 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Numbers.read("5", 5, 5)).isEqualTo(new Whole(5));
    }

    @Test
    void parse_inRange_isTheValue() {
        assertThat(Numbers.parse("--disk", "20", 8, 16384, "--disk 20")).isEqualTo(20);
    }

    @Test
    void parse_outOfRange_statesTheRange() {
        assertThatThrownBy(() -> Numbers.parse("--disk", "4", 8, 16384, "--disk 20"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--disk must be a whole number from 8 to 16384, not '4'.")
                .extracting(e -> ((UsageException) e).hint()).isEqualTo("For example: --disk 20");
    }

    @Test
    void parse_malformed_saysWhatIsWrong_andTheRightForm() {
        assertThatThrownBy(() -> Numbers.parse("--disk", "٢٠", 8, 16384, "--disk 20"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--disk must be a whole number from 8 to 16384, not '٢٠': it uses a digit other than 0-9 (U+0662).")
                .extracting(e -> ((UsageException) e).hint())
                .isEqualTo("Write it with the digits 0-9 only, without sign, spaces or leading zeros. For example: --disk 20");
    }

    @Test
    void describe_showsVisibleAsciiQuoted_andAnythingElseByCodePoint() {
        assertThat(Numbers.describe('!')).isEqualTo("'!'");
        assertThat(Numbers.describe('~')).isEqualTo("'~'");
        assertThat(Numbers.describe(' ')).isEqualTo("U+0020");
        assertThat(Numbers.describe(0x7f)).isEqualTo("U+007F");
        assertThat(Numbers.describe(0x1F)).isEqualTo("U+001F");
    }
}
