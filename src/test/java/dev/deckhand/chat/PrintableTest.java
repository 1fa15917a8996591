package dev.deckhand.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    @Test
    void escapesControlsAndBidiOverrides_becomeVisible_newlinesAndTabsStay() {
        assertThat(Printable.neutralise("a\u001b[2Jb\u009bc\u202Ed\u2066e\r\nf\tg"))
                .isEqualTo("a\uFFFD[2Jb\uFFFDc\uFFFDd\uFFFDe\uFFFD\nf\tg");
        assertThat(Printable.neutralise("plain text")).isEqualTo("plain text");
    }

    @Test
    void aCommandRequest_isNeutralisedWhereverItComesFrom() {
        CommandRequest r = new CommandRequest("U\u001b1", "C1", "ec2 show \u202Eweb", CommandRequest.Origin.SLASH_COMMAND);
        assertThat(r.userId()).isEqualTo("U\uFFFD1");
        assertThat(r.text()).isEqualTo("ec2 show \uFFFDweb");
    }
}
