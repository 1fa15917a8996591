package dev.deckhand.ec2;

import dev.deckhand.accounts.CallerScope;
import dev.deckhand.command.UserFacingException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds an instance by name or id in the channel's region and, when it is not there, looks in the
 * other enabled regions in parallel: the classic "my instance vanished" is a wrong region.
 */
public final class InstanceLocator {

    private final Ec2Service ec2;
    private volatile AccountSearch accounts = AccountSearch.NONE;

    /**
     * The other accounts' places ({@code prod/eu-west-1}) a user may look in, for the wrong-region hint:
     * those of {@code aws.accounts} where the user holds a role.
     */
    @FunctionalInterface
    public interface AccountSearch {

        AccountSearch NONE = (user, channel, account) -> List.of();

        List<String> placesFor(String user, String channel, String currentAccount);
    }

    public InstanceLocator(Ec2Service ec2) {
        this.ec2 = ec2;
    }

    /** Also looks in the user's other accounts when a name is in none of this account's regions. */
    public void searchAccounts(AccountSearch search) {
        this.accounts = search;
    }

    public Location locate(String region, String nameOrId) {
        List<InstanceSummary> here = ec2.find(region, nameOrId);
        if (here.size() == 1) {
            return new Location.Found(here.get(0));
        }
        if (here.size() > 1) {
            return new Location.Ambiguous(region, here);
        }
        List<String> others = ec2.enabledRegions().stream().filter(r -> !r.equals(region)).toList();
        List<String> foundIn = RegionFanOut.ask(others, r -> ec2.find(r, nameOrId)).stream()
                .filter(a -> a.ok() && !a.value().isEmpty())
                .map(RegionFanOut.Answer::region).toList();
        if (foundIn.isEmpty()) {
            foundIn = inOtherAccounts(nameOrId);
            if (!foundIn.isEmpty()) {
                return new Location.Elsewhere(CallerScope.currentAccount() + "/" + region, foundIn);
            }
        }
        return foundIn.isEmpty() ? new Location.Missing(region, others.size()) : new Location.Elsewhere(region, foundIn);
    }

    /** The places in the user's other accounts where {@code nameOrId} is, asked in parallel as that user. */
    private List<String> inOtherAccounts(String nameOrId) {
        var caller = CallerScope.current();
        if (caller.isEmpty() || caller.get().account().isEmpty()) {
            return List.of();
        }
        List<String> places = accounts.placesFor(caller.get().user(), "", caller.get().account());
        return RegionFanOut.ask(places, place -> CallerScope.call(
                        new CallerScope.Caller(place.substring(0, place.indexOf('/')), caller.get().user(), ""),
                        () -> ec2.find(place.substring(place.indexOf('/') + 1), nameOrId))).stream()
                .filter(a -> a.ok() && !a.value().isEmpty())
                .map(RegionFanOut.Answer::region).toList();
    }

    /** The one instance meant, or a message that says where it is or why it is not clear. */
    public InstanceSummary require(String region, String nameOrId) {
        Location location = locate(region, nameOrId);
        if (location instanceof Location.Found found) {
            return found.instance();
        }
        throw new UserFacingException(explain(nameOrId, location));
    }

    /** Words for every outcome but Found. */
    public static String explain(String nameOrId, Location location) {
        if (location instanceof Location.Ambiguous a) {
            return a.matches().size() + " instances are named " + nameOrId + " in " + a.region() + ": "
                    + a.matches().stream().map(i -> i.id() + " (" + i.state().label() + ")")
                    .collect(Collectors.joining(", ")) + ". Use the id, e.g. `ec2 show " + a.matches().get(0).id() + "`.";
        }
        if (location instanceof Location.Elsewhere e && e.regions().get(0).contains("/")) {
            String place = e.regions().get(0);
            return nameOrId + " is not in " + e.region() + "; it is in " + String.join(" and ", e.regions())
                    + ". Use --region " + place + ", or `account " + place.substring(0, place.indexOf('/')) + "`.";
        }
        if (location instanceof Location.Elsewhere e) {
            return nameOrId + " is not in " + e.region() + "; it is in " + String.join(" and ", e.regions())
                    + ". Use --region " + e.regions().get(0) + " or `region " + e.regions().get(0) + "`.";
        }
        if (location instanceof Location.Missing m) {
            return "No instance " + nameOrId + " in " + m.region()
                    + (m.otherRegionsChecked() > 0 ? " or in the " + m.otherRegionsChecked() + " other enabled regions" : "")
                    + ". `ec2 list --all-regions` shows every instance.";
        }
        Location.Found f = (Location.Found) location;
        return f.instance().label() + " is in " + f.instance().region() + ".";
    }
}
