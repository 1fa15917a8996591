package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenizerTest {

    @Test
    void tokenize_splitsOnWhitespace_andKeepsQuotedStringsTogether() {
        assertThat(Tokenizer.tokenize("ec2 launch \"my app\"  --type   t3.micro 'a b'"))
                .containsExactly("ec2", "launch", "my app", "--type", "t3.micro", "a b");
    }

    @Test
    void tokenize_whenSmartQuotesFromAPhone_treatsThemAsQuotes() {
        assertThat(Tokenizer.tokenize("deny 12 \u201Cnot today\u201D")).containsExactly("deny", "12", "not today");
    }

    @Test
    void tokenize_whenBackslash_escapesNextCharacter() {
        assertThat(Tokenizer.tokenize("say a\\ b \\\"x")).containsExactly("say", "a b", "\"x");
    }

    @Test
    void tokenize_whenEmptyQuotes_keepsAnEmptyToken() {
        assertThat(Tokenizer.tokenize("keep id \"\"")).containsExactly("keep", "id", "");
    }

    @Test
    void tokenize_whenQuoteNotClosed_explainsHowToFixIt() {
        assertThatThrownBy(() -> Tokenizer.tokenize("ec2 launch \"web"))
                .isInstanceOf(UsageException.class)
                .hasMessage("A quote (\") is not closed.");
    }
}
