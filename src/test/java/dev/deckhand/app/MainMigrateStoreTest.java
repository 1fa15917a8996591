package dev.deckhand.app;

import dev.deckhand.store.ChannelSettings;
import dev.deckhand.store.Database;
import dev.deckhand.store.StoreCopyTest;
import dev.deckhand.store.StoreTarget;
import dev.deckhand.testing.StoreBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deckhand.jar migrate-store --from <url> --to <url>} as typed. */
class MainMigrateStoreTest {

    @TempDir
    Path temp;

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) throws Exception {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args, Map.of());
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void migrateStore_sqliteIntoPostgres_copiesEveryRow_andSaysHowMany() throws Exception {
        StoreTarget sqlite = StoreBackend.SQLITE.fresh(temp);
        StoreTarget postgres = StoreBackend.POSTGRESQL.fresh(temp);
        try (Database from = Database.open(sqlite)) {
            StoreCopyTest.fill(from);
        }

        Run run = run("migrate-store", "--from", sqlite.url(), "--to", postgres.url());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("approval_requests: 1 rows\n").contains("audit: 3 rows\n")
                .contains("Copied 9 rows from " + sqlite.url() + " to jdbc:postgresql://");
        try (Database to = Database.open(postgres)) {
            assertThat(new ChannelSettings(to).region("C1")).contains("eu-west-1");
        }

        Run again = run("migrate-store", "--from", sqlite.url(), "--to", postgres.url());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("migrate-store: The target store already has rows in approval_requests;");
    }

    @Test
    void migrateStore_badArguments_sayHowToCallIt() throws Exception {
        Run missing = run("migrate-store", "--from", "jdbc:sqlite:a.db");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("Usage: migrate-store --from <jdbc url> --to <jdbc url>");

        Run mysql = run("migrate-store", "--from", "jdbc:sqlite:" + temp.resolve("a.db"), "--to", "jdbc:mysql://db/x");
        assertThat(mysql.code()).isEqualTo(2);
        assertThat(mysql.err()).contains("migrate-store: store.url must start with jdbc:sqlite: or jdbc:postgresql:");
    }
}
