package dev.deckhand.validate;

import dev.deckhand.validate.Numbers.Malformed;
import dev.deckhand.validate.Numbers.OutOfRange;
import dev.deckhand.validate.Numbers.Reading;
import dev.deckhand.validate.Numbers.Whole;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A number has one spelling: every other way to write the same value (what {@link Integer#parseInt}
 * or a person would still read as that number) is refused, and nothing but the canonical text reads
 * as a value.
 */
class NumbersProperties {

    /** The zero of some scripts whose digits {@link Character#digit(int, int)} reads: Arabic-Indic, Devanagari, fullwidth, ... */
    private static final int[] ZEROS = {0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0xFF10, 0x1D7CE};
    private static final String[] SPACES = {" ", "\t", "\n", "\u00a0", "\u2003", "\u3000"};
    private static final int MAX = 100_000;

    @Property(tries = 200)
    void canonicalSpelling_readsAsItsValue(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int n) {
        assertThat(Numbers.read(Integer.toString(n), 0, Integer.MAX_VALUE)).isEqualTo(new Whole(n));
    }

    enum Respelling { LEADING_ZEROS, PLUS, SPACE_BEFORE, SPACE_AFTER, SPACE_INSIDE, ONE_FOREIGN_DIGIT, ALL_FOREIGN_DIGITS, UNDERSCORE }

    @Property(tries = 300)
    void anotherSpellingOfTheSameNumber_isRefused(@ForAll @IntRange(max = MAX) int n, @ForAll Respelling how,
                                                  @ForAll @IntRange(max = 6) int script, @ForAll @IntRange(max = 5) int space,
                                                  @ForAll @IntRange(min = 1, max = 3) int count, @ForAll @IntRange(max = 100) int at) {
        String canonical = Integer.toString(n);
        String spelled = respell(canonical, how, ZEROS[script], SPACES[space], count, at);

        assertThat(spelled).isNotEqualTo(canonical);
        assertThat(lenient(spelled)).as("a lenient reader takes %s for %d", spelled, n).isEqualTo(n);
        assertThat(Numbers.read(spelled, 0, MAX)).isInstanceOf(Malformed.class);
    }

    @Property(tries = 300)
    void onlyTheCanonicalText_readsAsAValue(@ForAll("numberish") String raw) {
        Reading reading = Numbers.read(raw, 0, MAX);
        boolean canonical = raw.matches("0|[1-9][0-9]{0,8}");
        if (reading instanceof Whole whole) {
            assertThat(raw).isEqualTo(Integer.toString(whole.value()));
            assertThat(whole.value()).isBetween(0, MAX);
        } else if (reading instanceof OutOfRange out) {
            assertThat(raw).isEqualTo(out.value().toString());
            assertThat(Long.parseLong(raw)).isGreaterThan(MAX);
        } else {
            assertThat(canonical).as("'%s' is canonical but was refused: %s", raw, reading).isFalse();
        }
    }

    @Provide
    Arbitrary<String> numberish() {
        Arbitrary<String> canonical = Arbitraries.integers().between(0, 2 * MAX).map(String::valueOf);
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789+-_ ,.x\u0660\u0661\u00a0\uff11")
                .ofMaxLength(8);
        return Arbitraries.oneOf(canonical, noise);
    }

    private static String respell(String canonical, Respelling how, int zero, String space, int count, int at) {
        return switch (how) {
            case LEADING_ZEROS -> "0".repeat(count) + canonical;
            case PLUS -> "+" + canonical;
            case SPACE_BEFORE -> space + canonical;
            case SPACE_AFTER -> canonical + space;
            case SPACE_INSIDE -> canonical.length() < 2 ? space + canonical
                    : canonical.substring(0, 1 + at % (canonical.length() - 1)) + space
                    + canonical.substring(1 + at % (canonical.length() - 1));
            case ONE_FOREIGN_DIGIT -> {
                int i = at % canonical.length();
                yield canonical.substring(0, i) + Character.toString(zero + canonical.charAt(i) - '0') + canonical.substring(i + 1);
            }
            case ALL_FOREIGN_DIGITS -> canonical.chars().mapToObj(c -> Character.toString(zero + c - '0'))
                    .reduce("", String::concat);
            case UNDERSCORE -> canonical.length() < 2 ? "_" + canonical
                    : canonical.substring(0, 1 + at % (canonical.length() - 1)) + "_"
                    + canonical.substring(1 + at % (canonical.length() - 1));
        };
    }

    /** What a forgiving reader makes of the text: spaces and underscores dropped, a '+' allowed, any script's digits. */
    private static int lenient(String text) {
        String s = text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '_')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        int value = 0;
        for (int c : s.codePoints().toArray()) {
            int digit = Character.digit(c, 10);
            if (digit < 0) {
                throw new AssertionError("not a digit in " + text);
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
