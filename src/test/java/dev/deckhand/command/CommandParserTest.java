package dev.deckhand.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTest {

    private final CommandParser parser = new CommandParser(new TestCommands().registry);

    private ParseResult.Parsed parsed(String text) {
        ParseResult result = parser.parse(text);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return (ParseResult.Parsed) result;
    }

    private ParseResult.Invalid invalid(String text) {
        ParseResult result = parser.parse(text);
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return (ParseResult.Invalid) result;
    }

    @Test
    void parse_readsPositionalsAndBothFlagForms() {
        ParseResult.Parsed p = parsed("ec2 launch web-1 --type t3.small --disk=20 --dry-run");
        assertThat(p.spec().name()).isEqualTo("ec2 launch");
        assertThat(p.args().positionals()).containsExactly("web-1");
        assertThat(p.args().flags()).containsEntry("type", "t3.small").containsEntry("disk", "20").containsEntry("dry-run", "true");
    }

    @Test
    void parse_isCaseInsensitiveForCommandWords() {
        assertThat(parsed("EC2 List").spec().name()).isEqualTo("ec2 list");
    }

    @Test
    void parse_whenEmpty_isHelp() {
        assertThat(parsed("   ").spec().name()).isEqualTo("help");
    }

    @Test
    void parse_whenSubcommandTypo_suggestsNearestCommand() {
        ParseResult.Invalid i = invalid("ec2 termiante web-1");
        assertThat(i.problem()).isEqualTo("`ec2 termiante` is not a command. `ec2` takes: launch, list, terminate.");
        assertThat(i.suggestion()).isEqualTo("ec2 terminate");
    }

    @Test
    void parse_whenTopLevelTypo_suggestsNearestGroup() {
        ParseResult.Invalid i = invalid("hepl");
        assertThat(i.problem()).isEqualTo("`hepl` is not a Deckhand command.");
        assertThat(i.suggestion()).isEqualTo("help");
    }

    @Test
    void parse_whenNothingClose_suggestsNothing() {
        assertThat(invalid("xyzzyplugh").suggestion()).isEmpty();
    }

    @Test
    void parse_whenGroupWithoutSubcommand_listsSubcommands() {
        assertThat(invalid("ec2").problem()).isEqualTo("`ec2` needs a subcommand: launch, list, terminate.");
    }

    @Test
    void parse_whenUnknownFlag_namesItAndSuggests() {
        ParseResult.Invalid i = invalid("ec2 launch web-1 --tpye t3.micro");
        assertThat(i.problem()).isEqualTo("`ec2 launch` has no option --tpye. Did you mean --type?");
        assertThat(i.spec().name()).isEqualTo("ec2 launch");
    }

    @Test
    void parse_whenFlagValueMissing_saysSo() {
        assertThat(invalid("ec2 launch web-1 --type").problem()).isEqualTo("--type needs a value.");
        assertThat(invalid("ec2 launch web-1 --type --dry-run").problem()).isEqualTo("--type needs a value.");
    }

    @Test
    void parse_whenSwitchGivenAValue_refuses() {
        assertThat(invalid("ec2 launch web-1 --dry-run=yes").problem()).isEqualTo("--dry-run takes no value.");
    }

    @Test
    void parse_whenFlagRepeated_refuses() {
        assertThat(invalid("ec2 launch web-1 --type a --type b").problem()).isEqualTo("--type is given twice.");
    }

    @Test
    void parse_whenTooFewOrTooManyArguments_countsThem() {
        assertThat(invalid("ec2 launch").problem()).isEqualTo("`ec2 launch` needs `<name>`.");
        assertThat(invalid("ec2 launch my app").problem())
                .isEqualTo("`ec2 launch` takes 1 argument, got 2 (my app). Quote a value that has spaces.");
        assertThat(parsed("ec2 launch \"my app\"").args().positional(0)).isEqualTo("my app");
    }

    @Test
    void parse_whenQuoteUnclosed_explains() {
        assertThat(invalid("ec2 launch \"web").problem()).startsWith("A quote (\") is not closed.");
    }

    @Test
    void parse_whenARequiredArgumentIsMissing_namesItAsTheUsageLineDoes() {
        assertThat(invalid("ec2 terminate").problem()).isEqualTo("`ec2 terminate` needs `<name|id>`.");
    }

    @Test
    void parse_whenASubcommandIsTypedWithoutItsGroup_suggestsTheWholeCommand() {
        ParseResult.Invalid i = invalid("lanch web");
        assertThat(i.problem()).isEqualTo("`lanch` is not a Deckhand command.");
        assertThat(i.suggestion()).isEqualTo("ec2 launch");
    }

    @Test
    void parse_whenLongerThanSlacksLimit_isRefusedAtOnce_withoutTryingToSuggest() {
        String huge = "help " + "x".repeat(1_000_000);
        long started = System.nanoTime();

        ParseResult.Invalid i = invalid(huge);

        assertThat(i.problem()).isEqualTo("That command is 1000005 characters long; Deckhand reads at most 4000 "
                + "(Slack's own limit).");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMillis(200));
    }

    @Test
    void suggestions_forAWordFarLongerThanAnyCommand_doNoWork() {
        long started = System.nanoTime();
        for (int n = 0; n < 100; n++) {
            assertThat(Suggestions.nearest("y".repeat(3_999), java.util.List.of("help", "ec2", "terminate"))).isEmpty();
        }
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofMillis(200));
    }
}
