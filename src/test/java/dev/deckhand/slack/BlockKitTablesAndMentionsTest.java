package dev.deckhand.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Long tables, user mentions and confirmations in rendered Block Kit. */
class BlockKitTablesAndMentionsTest {

    private static String table(int rows) {
        return "```\n" + IntStream.range(0, rows)
                .mapToObj(i -> String.format("i-%017d  web-%02d  t3.micro  running  us-east-1a  10.0.0.%d", i, i, i))
                .collect(Collectors.joining("\n")) + "\n```";
    }

    private static List<String> sections(List<LayoutBlock> blocks) {
        return blocks.stream().filter(SectionBlock.class::isInstance)
                .map(b -> ((SectionBlock) b).getText().getText()).toList();
    }

    @Test
    void longTable_isSplitOnLineBoundaries_withBalancedFencesInEverySection() {
        String table = table(60);
        List<String> parts = sections(BlockKitRenderer.render(Reply.ephemeral(table)));

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(3000);
            assertThat(part).startsWith("```\n").endsWith("\n```");
            assertThat(part.split("```", -1)).hasSize(3); // exactly one opening and one closing fence
            part.lines().filter(l -> !l.equals("```")).forEach(line -> assertThat(line).matches("i-\\d{17}  web-\\d\\d .*"));
        });
        String rejoined = parts.stream().map(p -> p.substring(4, p.length() - 4)).collect(Collectors.joining("\n"));
        assertThat("```\n" + rejoined + "\n```").isEqualTo(table);
    }

    @Test
    void textWithoutFences_isNotGivenAny() {
        String text = IntStream.range(0, 200).mapToObj(i -> "line " + i + " of a long answer, plain words")
                .collect(Collectors.joining("\n"));
        assertThat(sections(BlockKitRenderer.render(Reply.ephemeral(text)))).hasSizeGreaterThan(1)
                .allSatisfy(part -> assertThat(part).doesNotContain("```"));
    }

    @Test
    void slackUserIds_becomeMentions_butOtherIdsDoNot() {
        assertThat(BlockKitRenderer.mentions("Requested by U024BE7LH, owner W012A3CDE, approver U0G9QF9C6"))
                .isEqualTo("Requested by <@U024BE7LH>, owner <@W012A3CDE>, approver <@U0G9QF9C6>");
        assertThat(BlockKitRenderer.mentions("i-0abc1234 UNDEFINED ami-0123 already <@U024BE7LH>"))
                .isEqualTo("i-0abc1234 UNDEFINED ami-0123 already <@U024BE7LH>");
    }

    @Test
    void thePreFilter_neverSkipsTextThePatternWouldChange() {
        String alphabet = "UWUW0123456789ABXZ a<@>-_";
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            if (BlockKitRenderer.USER_ID.matcher(s).find()) {
                assertThat(BlockKitRenderer.mayHoldUserId(s)).as(s).isTrue();
            }
        }
        assertThat(BlockKitRenderer.mayHoldUserId("Usage: /deckhand help [command]")).isFalse();
        assertThat(BlockKitRenderer.mayHoldUserId("owner U024BE7LH")).isTrue();
    }

    @Test
    void approveCleanUpAndTerminate_carryAConfirmDialog_whateverTheirStyle() {
        Reply reply = Reply.builder().body("card").button(Button.primary("Approve", "approve ab12cd34"))
                .button(Button.of("Clean up", "cleanup web")).button(Button.danger("Terminate", "ec2 terminate web-1"))
                .button(Button.of("Details", "ec2 show web-1")).build();

        List<ButtonElement> buttons = BlockKitRenderer.render(reply).stream().filter(ActionsBlock.class::isInstance)
                .flatMap(b -> ((ActionsBlock) b).getElements().stream()).map(ButtonElement.class::cast).toList();

        assertThat(buttons).extracting(b -> b.getConfirm() != null).containsExactly(true, true, true, false);
        assertThat(buttons.get(0).getConfirm().getText().getText()).isEqualTo("This runs `approve ab12cd34` as you.");
    }
}
