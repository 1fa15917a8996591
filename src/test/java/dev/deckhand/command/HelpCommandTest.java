package dev.deckhand.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpCommandTest {

    private final TestCommands commands = new TestCommands();
    private final HelpCommand help = new HelpCommand(commands.registry);

    @Test
    void help_withoutTopic_listsEveryCommandByGroup() {
        String text = help.help("").plainText();
        for (CommandSpec spec : commands.registry.all()) {
            assertThat(text).contains("`" + spec.name() + "` " + spec.description());
        }
    }

    @Test
    void help_forCommand_showsUsageExampleAndRole() {
        assertThat(help.help("ec2 launch").plainText()).isEqualTo("""
                == ec2 launch ==
                Launches an instance
                  Usage:      `ec2 launch <name> [--type t] [--disk gb] [--dry-run]`
                  Example:    `ec2 launch web-1 --type t3.micro`
                  Needs role: deployer
                  > Changes AWS; recorded in the audit log.""");
    }

    @Test
    void help_forGroup_listsItsCommands() {
        assertThat(help.help("ec2").plainText()).contains("`ec2 list [--region r]`\n    Lists instances");
    }

    @Test
    void help_forTypo_suggests() {
        assertThat(help.help("ec2 lauch").body()).isEqualTo("There is no command `ec2 lauch`. Did you mean `help ec2 launch`?");
    }
}
