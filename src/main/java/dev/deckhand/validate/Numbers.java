package dev.deckhand.validate;


import java.math.BigInteger;

/**
 * The one reader of whole numbers people type: sizes, ports, counts, durations, prefix lengths.
 *
 * <p>A number has exactly one spelling: the ASCII digits {@code 0-9}, no sign, no whitespace
 * (inside or around), no separators ({@code _ , .}), no leading zero except {@code "0"} itself,
 * and no digits of other scripts. {@link Integer#parseInt} accepts {@code +20} and {@code ٢٠}
 * (Arabic-Indic digits) while a check written as a regex may not; any check that reads the same
 * text through this class sees the same value the action uses, or nothing.
 *
 * <p>Ranges are inclusive, {@code 0 <= min <= max <= Integer.MAX_VALUE}.
 */
public final class Numbers {

    private Numbers() {
    }

    /** What reading a text as a whole number in a range gave. */
    public sealed interface Reading permits Whole, Malformed, OutOfRange {
    }

    /** The text is a canonical whole number within the range. */
    public record Whole(int value) implements Reading {
    }

    /**
     * The text is not a canonical whole number.
     *
     * @param reason what is wrong, as a clause for a message, e.g. {@code it has a leading zero}
     */
    public record Malformed(String reason) implements Reading {
    }

    /** The text is a canonical whole number, but outside the range. */
    public record OutOfRange(BigInteger value) implements Reading {
    }

    /**
     * Reads {@code raw} as a whole number from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException if the range is not {@code 0 <= min <= max}
     */
    public static Reading read(String raw, int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("Bad range " + min + ".." + max);
        }
        if (raw == null || raw.isEmpty()) {
            return new Malformed("it is empty");
        }
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (c < '0' || c > '9') {
                return new Malformed(problem(c, i));
            }
            i += Character.charCount(c);
        }
        if (raw.length() > 1 && raw.charAt(0) == '0') {
            return new Malformed("it has a leading zero");
        }
        BigInteger value = new BigInteger(raw);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            return new OutOfRange(value);
        }
        return new Whole(value.intValueExact());
    }

    /**
     * Reads {@code raw} as a whole number from {@code min} to {@code max}, or throws a
     * {@link UsageException}: {@code --disk must be a whole number from 8 to 16384, not '+20': it has a
     * sign.} with the hint {@code For example: --disk 20}.
     *
     * @param subject what the number is, as the sentence starts, e.g. {@code --disk}
     * @param example a right way to write it, e.g. {@code --disk 20}
     */
    public static int parse(String subject, String raw, int min, int max, String example) {
        Reading reading = read(raw, min, max);
        if (reading instanceof Whole whole) {
            return whole.value();
        }
        String problem = subject + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'";
        if (reading instanceof Malformed malformed) {
            throw new UsageException(problem + ": " + malformed.reason() + ".",
                    "Write it with the digits 0-9 only, without sign, spaces or leading zeros. For example: " + example);
        }
        throw new UsageException(problem + ".", "For example: " + example);
    }

    /** Why the character {@code c} at {@code index} has no place in a whole number. */
    private static String problem(int c, int index) {
        if (Character.isDigit(c)) {
            return "it uses a digit other than 0-9 (" + describe(c) + ")";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "it contains a space (" + describe(c) + ")";
        }
        if (index == 0 && (c == '+' || c == '-')) {
            return "it has a sign";
        }
        return "it contains " + describe(c) + ", which is not a digit 0-9";
    }

    /** A character as a message can show it: {@code 'a'} for visible ASCII, else its code point, {@code U+0663}. */
    static String describe(int c) {
        if (c > ' ' && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("U+%04X", c);
    }
}
