package dev.deckhand.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.deckhand.chat.Button;
import dev.deckhand.chat.Reply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BlockKitRendererTest {

    @Test
    void reply_becomesHeaderSectionFieldsContextAndActions() {
        Reply reply = Reply.builder().header("Launched web-1").body("`i-0abc` is *running*")
                .field("Id", "i-0abc").field("Type", "t3.micro")
                .context("Stop it with `ec2 stop web-1`")
                .button(Button.primary("Start", "ec2 start i-0abc")).button(Button.of("Details", "ec2 show i-0abc"))
                .build();

        List<LayoutBlock> blocks = BlockKitRenderer.render(reply);

        assertThat(blocks).extracting(LayoutBlock::getType)
                .containsExactly("header", "section", "section", "context", "actions");
        assertThat(((HeaderBlock) blocks.get(0)).getText().getText()).isEqualTo("Launched web-1");
        assertThat(((SectionBlock) blocks.get(1)).getText().getText()).isEqualTo("`i-0abc` is *running*");
        assertThat(((SectionBlock) blocks.get(2)).getFields()).extracting(t -> ((MarkdownTextObject) t).getText())
                .containsExactly("*Id*\ni-0abc", "*Type*\nt3.micro");
        assertThat(((MarkdownTextObject) ((ContextBlock) blocks.get(3)).getElements().get(0)).getText())
                .isEqualTo("Stop it with `ec2 stop web-1`");
        List<ButtonElement> buttons = ((ActionsBlock) blocks.get(4)).getElements().stream()
                .map(ButtonElement.class::cast).toList();
        assertThat(buttons).extracting(ButtonElement::getActionId).containsExactly("deckhand:0", "deckhand:1");
        assertThat(buttons).extracting(ButtonElement::getValue).containsExactly("ec2 start i-0abc", "ec2 show i-0abc");
        assertThat(buttons).extracting(ButtonElement::getStyle).containsExactly("primary", null);
        assertThat(buttons).extracting(ButtonElement::getConfirm).containsOnlyNulls();
    }

    @Test
    void dangerButton_asksForConfirmation() {
        Reply reply = Reply.builder().body("Plan").button(Button.danger("Terminate", "ec2 terminate i-0abc")).build();

        ButtonElement button = (ButtonElement) ((ActionsBlock) BlockKitRenderer.render(reply).get(1)).getElements().get(0);

        assertThat(button.getStyle()).isEqualTo("danger");
        assertThat(button.getConfirm().getTitle().getText()).isEqualTo("Are you sure?");
        assertThat(button.getConfirm().getText().getText()).isEqualTo("This runs `ec2 terminate i-0abc` as you.");
        assertThat(button.getConfirm().getConfirm().getText()).isEqualTo("Terminate");
        assertThat(button.getConfirm().getDeny().getText()).isEqualTo("Cancel");
    }

    @Test
    void moreThanTenFields_areSplitOverSections() {
        Reply.Builder reply = Reply.builder();
        for (int i = 1; i <= 23; i++) {
            reply.field("F" + i, "v" + i);
        }

        List<LayoutBlock> blocks = BlockKitRenderer.render(reply.build());

        assertThat(blocks).hasSize(3);
        assertThat(blocks).extracting(b -> ((SectionBlock) b).getFields().size()).containsExactly(10, 10, 3);
    }

    @Test
    void text_isEscaped_soItCannotPingTheChannelOrForgeLinks() {
        Reply reply = Reply.builder().body("<!channel> look at <http://evil|this> & that").build();

        assertThat(((SectionBlock) BlockKitRenderer.render(reply).get(0)).getText().getText())
                .isEqualTo("&lt;!channel&gt; look at &lt;http://evil|this&gt; &amp; that");
    }

    @Test
    void longBody_isSplitAtLineBreaks_withinSlacksSectionLimit() {
        String line = "x".repeat(99) + "\n";
        Reply reply = Reply.builder().body(line.repeat(50)).build(); // 5000 characters

        List<LayoutBlock> blocks = BlockKitRenderer.render(reply);

        assertThat(blocks).hasSize(2);
        assertThat(blocks).allSatisfy(b -> assertThat(((SectionBlock) b).getText().getText().length()).isLessThanOrEqualTo(3000));
        assertThat(((SectionBlock) blocks.get(0)).getText().getText()).endsWith("x");
    }

    @Test
    void emptyReply_stillRendersAValidMessage() {
        assertThat(BlockKitRenderer.render(Reply.ephemeral(""))).hasSize(1);
        assertThat(BlockKitRenderer.fallbackText(Reply.builder().header("Done").body("a\nb").build())).isEqualTo("Done");
    }
}
