package dev.deckhand.ec2;

import dev.deckhand.command.UserFacingException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds an instance by name or id in the channel's region and, when it is not there, looks in the
 * other enabled regions in parallel: the classic "my instance vanished" is a wrong region.
 */
public final class InstanceLocator {

    private final Ec2Service ec2;

    public InstanceLocator(Ec2Service ec2) {
        this.ec2 = ec2;
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
        return foundIn.isEmpty() ? new Location.Missing(region, others.size()) : new Location.Elsewhere(region, foundIn);
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
