package dev.deckhand.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.RichTextBlock;
import com.slack.api.model.block.element.RichTextPreformattedElement;
import com.slack.api.model.block.element.RichTextSectionElement;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A reply's verbatim text in Block Kit: sent as given, cut only into pieces that concatenate back to it. */
class BlockKitVerbatimTest {

    private static String preformatted(List<LayoutBlock> blocks) {
        return blocks.stream().filter(RichTextBlock.class::isInstance)
                .flatMap(b -> ((RichTextBlock) b).getElements().stream())
                .map(e -> ((RichTextPreformattedElement) e).getElements().stream()
                        .map(t -> ((RichTextSectionElement.Text) t).getText()).collect(Collectors.joining()))
                .collect(Collectors.joining());
    }

    @Test
    void verbatim_isNeitherEscapedNorMentionLinked() {
        String json = "{\n  \"owner\" : \"U024BE7LH\",\n  \"name\" : \"<!channel> & `x` *y*\"\n}\n";

        List<LayoutBlock> blocks = BlockKitRenderer.render(Reply.builder().verbatim(json).build());

        assertThat(blocks).extracting(LayoutBlock::getType).containsExactly("rich_text");
        assertThat(preformatted(blocks)).isEqualTo(json);
        assertThat(BlockKitRenderer.fallbackText(Reply.builder().verbatim(json).build())).isEqualTo("{");
    }

    @Test
    void pieces_cutAfterLines_orInsideALineLongerThanTheLimit_neverInASurrogatePair_andConcatenateBack() {
        String text = "ab\ncd\n" + "x".repeat(9) + "\uD83D\uDE00" + "tail\n";

        List<String> pieces = BlockKitRenderer.pieces(text, 10);

        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(10));
        assertThat(pieces.get(0)).isEqualTo("ab\ncd\n");
        assertThat(pieces).noneMatch(p -> Character.isHighSurrogate(p.charAt(p.length() - 1)));
    }

    @Test
    void parts_ofALongText_keepTheHeaderFirst_theButtonsLast_andEachFitsOneMessage() {
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            doc.append("  \"line\" : ").append(i).append(",\n");
        }
        Reply reply = Reply.builder().inChannel().header("Scan").body("Below").verbatim(doc.toString())
                .context("Made now").button(Button.of("Again", "leaks --json")).build();

        List<Reply> parts = BlockKitRenderer.parts(reply);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> {
            assertThat(p.isInChannel()).isTrue();
            assertThat(p.verbatim().length()).isLessThanOrEqualTo(BlockKitRenderer.VERBATIM_MESSAGE_MAX);
            assertThat(BlockKitRenderer.parts(p)).containsExactly(p);
        });
        assertThat(parts.stream().map(Reply::verbatim).collect(Collectors.joining())).isEqualTo(doc.toString());
        assertThat(parts.get(0).header()).isEqualTo("Scan");
        assertThat(parts.get(1).header()).isEmpty();
        assertThat(parts.get(parts.size() - 1).buttons()).extracting(Button::command).containsExactly("leaks --json");
        assertThat(parts.get(0).buttons()).isEmpty();
        assertThat(parts.get(parts.size() - 1).context()).containsExactly("Made now", "Part " + parts.size() + " of " + parts.size());
        assertThat(preformatted(parts.stream().flatMap(p -> BlockKitRenderer.render(p).stream()).toList())).isEqualTo(doc.toString());
    }

    @Test
    void aReplyThatFitsOneMessage_isOnePart_itself() {
        Reply reply = Reply.builder().body("short").verbatim("{}\n").build();

        assertThat(BlockKitRenderer.parts(reply)).containsExactly(reply);
    }

    @Test
    void aReplyWithoutVerbatimText_staysOneMessage_howeverLongItsBody() {
        Reply reply = Reply.builder().header("Help").body("a line of help\n".repeat(2000)).build();

        assertThat(BlockKitRenderer.parts(reply)).containsExactly(reply);
    }

    @Test
    void aLongBody_withALongVerbatimText_stillFitsItsFirstMessage() {
        Reply reply = Reply.builder().body("b".repeat(8000)).verbatim("v\n".repeat(3000)).build();

        List<Reply> parts = BlockKitRenderer.parts(reply);

        assertThat(parts.get(0).body()).hasSize(8000);
        assertThat(parts.get(0).verbatim().length() + 8000).isLessThanOrEqualTo(BlockKitRenderer.VERBATIM_MESSAGE_MAX);
        assertThat(parts.stream().map(Reply::verbatim).collect(Collectors.joining())).isEqualTo("v\n".repeat(3000));
        assertThat(parts.subList(1, parts.size())).allSatisfy(p -> assertThat(p.verbatim().length())
                .isLessThanOrEqualTo(BlockKitRenderer.VERBATIM_MESSAGE_MAX));
    }
}
