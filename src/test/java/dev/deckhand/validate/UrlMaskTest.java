package dev.deckhand.validate;

import dev.deckhand.chat.Reply;
import dev.deckhand.store.AuditEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UrlMaskTest {

    static final String PRESIGNED = "https://shop-builds.s3.amazonaws.com/app.jar?X-Amz-Credential=AKIAEXAMPLE%2F1"
            + "&X-Amz-Signature=deadbeef";

    @Test
    void mask_cutsTheQueryAndFragment_andLeavesPlainUrlsAlone() {
        assertThat(UrlMask.mask(PRESIGNED)).isEqualTo("https://shop-builds.s3.amazonaws.com/app.jar?…");
        assertThat(UrlMask.mask("https://a.example.com/app.jar#frag")).isEqualTo("https://a.example.com/app.jar?…");
        assertThat(UrlMask.mask("https://a.example.com/app.jar")).isEqualTo("https://a.example.com/app.jar");
        assertThat(UrlMask.withoutQuery(PRESIGNED)).isEqualTo("https://shop-builds.s3.amazonaws.com/app.jar");
    }

    @Test
    void inText_masksEveryUrl_inCommandsAndSlackLinks_andIsIdempotent() {
        String text = "deploy web-1 --artifact " + PRESIGNED + " and <" + PRESIGNED + "|the jar>, `" + PRESIGNED + "`";

        String masked = UrlMask.inText(text);

        assertThat(masked).isEqualTo("deploy web-1 --artifact https://shop-builds.s3.amazonaws.com/app.jar?… and "
                + "<https://shop-builds.s3.amazonaws.com/app.jar?…|the jar>, `https://shop-builds.s3.amazonaws.com/app.jar?…`");
        assertThat(UrlMask.inText(masked)).isEqualTo(masked);
        assertThat(UrlMask.inText("ec2 list --region us-east-1")).isEqualTo("ec2 list --region us-east-1");
    }

    @Test
    void everyReply_showsUrlsMasked_inHeaderBodyFieldsAndContext_butButtonsKeepTheirCommand() {
        Reply reply = Reply.builder().header("Deploy " + PRESIGNED).body("from " + PRESIGNED).field("Artifact", PRESIGNED)
                .context("see " + PRESIGNED).button(dev.deckhand.chat.Button.of("Retry", "deploy web-1 --artifact " + PRESIGNED))
                .build();

        assertThat(reply.header() + reply.body() + reply.fields() + reply.context()).doesNotContain("X-Amz", "deadbeef")
                .contains("https://shop-builds.s3.amazonaws.com/app.jar?…");
        assertThat(reply.buttons().get(0).command()).endsWith(PRESIGNED);
    }

    @Test
    void anAuditRow_keepsTheCommandMasked() {
        AuditEntry row = new AuditEntry(Instant.EPOCH, "U1", "C1", "deploy web-1 --artifact " + PRESIGNED, "us-east-1",
                List.of(), AuditEntry.Outcome.SUCCEEDED, "ok");

        assertThat(row.command()).isEqualTo("deploy web-1 --artifact https://shop-builds.s3.amazonaws.com/app.jar?…");
    }
}
