package dev.deckhand.command;

import dev.deckhand.validate.UsageException;
import dev.deckhand.chat.Reply;
import dev.deckhand.plan.Plan;

/**
 * The work behind a command that changes something, in two steps. {@link #plan} looks at the world
 * and says what would be done, as a value, changing nothing; the router shows it (dry run), has the
 * policy judge it, sends it to approval or runs {@link #apply}, which does exactly what the plan says
 * to the resources it names, by id.
 */
public interface Change {

    /**
     * @return what the command would do now; a plan without effects when there is nothing to do
     * @throws UsageException      when the input is wrong
     * @throws UserFacingException when the change cannot work as asked (a name that is not there ...)
     */
    Plan plan(CommandContext context);

    /**
     * Carries out {@code plan}, which this change made for the same context and which was allowed or
     * approved. Acts on the plan's ids, never on names looked up again.
     */
    Reply apply(CommandContext context, Plan plan);
}
