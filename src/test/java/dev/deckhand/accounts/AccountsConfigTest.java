package dev.deckhand.accounts;

import dev.deckhand.app.config.ConfigException;
import dev.deckhand.app.config.DeckhandConfig;
import dev.deckhand.testing.AccountsRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** aws.accounts in config: read into accounts, and every bad value named by its key. */
class AccountsConfigTest {

    @TempDir
    Path tempDir;

    private static String account(String name, String id, String arn, String extra) {
        return """
                  accounts:
                    - name: %s
                      accountId: "%s"
                      roleArn: %s
                      regions: [us-east-1]
                      defaultRegion: us-east-1
                %s""".formatted(name, id, arn, extra);
    }

    @Test
    void shippedConfig_hasNoAccounts_andWorksAsOneImplicitAccount() {
        DeckhandConfig config = AccountsRig.config(tempDir, "  accounts: []\n");

        assertThat(config.aws().toAccounts().configured()).isFalse();
        assertThat(config.aws().toAccounts().label("", "us-east-1")).isEqualTo("us-east-1");
    }

    @Test
    void accounts_areReadInOrder_theFirstIsTheDefault_andTheExternalIdIsNotPrinted() {
        Accounts accounts = AccountsRig.config(tempDir, AccountsRig.ACCOUNTS).aws().toAccounts();

        assertThat(accounts.names()).containsExactly("dev", "prod");
        assertThat(accounts.defaultAccount()).get().extracting(Account::name).isEqualTo("dev");
        Account dev = accounts.find("dev").orElseThrow();
        assertThat(dev.externalId()).isEqualTo("ext-dev-42");
        assertThat(dev.toString()).doesNotContain("ext-dev-42");
        assertThat(accounts.label("prod", "ap-northeast-2")).isEqualTo("prod/ap-northeast-2");
    }

    @Test
    void badAccountId_isNamed() {
        assertThatThrownBy(() -> AccountsRig.config(tempDir, account("dev", "1234", "arn:aws:iam::1234:role/d", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/deckhand.yml: aws.accounts.dev.accountId: '1234' is not an account id; 12 digits, e.g. 123456789012");
    }

    @Test
    void roleArnOfAnotherAccount_isRefused() {
        assertThatThrownBy(() -> AccountsRig.config(tempDir,
                account("dev", "111111111111", "arn:aws:iam::222222222222:role/deckhand", "")))
                .hasMessage("config/deckhand.yml: aws.accounts.dev.roleArn: names account 222222222222, not this account's id 111111111111");
    }

    @Test
    void malformedRoleArn_andBadName_areNamed() {
        assertThatThrownBy(() -> AccountsRig.config(tempDir, account("dev", "111111111111", "deckhand-role", "")))
                .hasMessageContaining("aws.accounts.dev.roleArn: 'deckhand-role' is not a role ARN");
        assertThatThrownBy(() -> AccountsRig.config(tempDir, account("Prod", "111111111111", "\"\"", "")))
                .hasMessageContaining("aws.accounts[0].name: 'Prod' is not an account name");
    }

    @Test
    void defaultRegionOutsideTheAccountsRegions_isRefused() {
        String yaml = """
                  accounts:
                    - name: dev
                      accountId: "111111111111"
                      regions: [us-east-1]
                      defaultRegion: eu-west-1
                """;
        assertThatThrownBy(() -> AccountsRig.config(tempDir, yaml))
                .hasMessage("config/deckhand.yml: aws.accounts.dev.defaultRegion: 'eu-west-1' is not one of its regions [us-east-1]");
    }

    @Test
    void roleQualifiedWithAnUnknownAccount_isRefused() {
        assertThatThrownBy(() -> AccountsRig.config(tempDir, AccountsRig.ACCOUNTS, "U1: deployer@staging"))
                .hasMessage("config/deckhand.yml: access.users.U1: 'staging' is not an account in aws.accounts; accounts: dev, prod");
        assertThatThrownBy(() -> AccountsRig.config(tempDir, "  accounts: []\n", "U1: deployer@dev"))
                .hasMessageContaining("'dev' is not an account in aws.accounts (none are configured)");
        assertThatThrownBy(() -> AccountsRig.config(tempDir, AccountsRig.ACCOUNTS, "U1: \"deployer@dev, boss@prod\""))
                .hasMessageContaining("access.users.U1: 'boss' is not a defined role");
    }

    @Test
    void unknownKeyInAnAccount_isNamed() {
        assertThatThrownBy(() -> AccountsRig.config(tempDir, account("dev", "111111111111", "\"\"", "      role: x\n")))
                .hasMessageContaining("aws.accounts[0].role: unknown key");
    }
}
