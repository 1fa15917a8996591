package dev.deckhand.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's roles as written in {@code access.users} or a grant: {@code deployer} (every account), or per
 * account {@code deployer@dev, viewer@prod}, or both ({@code viewer, deployer@dev}: deployer in dev, viewer
 * elsewhere).
 *
 * @param everywhere the unqualified role, empty when none
 * @param byAccount  account name to role name
 */
public record RoleAssignments(String everywhere, Map<String, String> byAccount) {

    public RoleAssignments {
        everywhere = everywhere == null ? "" : everywhere;
        byAccount = Map.copyOf(byAccount);
    }

    public static RoleAssignments parse(String value) {
        String everywhere = "";
        Map<String, String> byAccount = new LinkedHashMap<>();
        for (String entry : String.valueOf(value).split(",")) {
            String role = entry.strip();
            if (role.isEmpty()) {
                continue;
            }
            int at = role.indexOf('@');
            if (at < 0) {
                everywhere = role;
            } else {
                byAccount.put(role.substring(at + 1).strip(), role.substring(0, at).strip());
            }
        }
        return new RoleAssignments(everywhere, byAccount);
    }

    /** The role in {@code account}: its own entry, else the unqualified one; empty when neither. */
    public Optional<String> roleIn(String account) {
        String own = account == null || account.isEmpty() ? null : byAccount.get(account);
        if (own != null) {
            return Optional.of(own);
        }
        return everywhere.isEmpty() ? Optional.empty() : Optional.of(everywhere);
    }

    /** The same, with {@code role} in {@code account} (empty account: everywhere, replacing all). */
    public RoleAssignments with(String account, String role) {
        if (account == null || account.isEmpty()) {
            return new RoleAssignments(role, Map.of());
        }
        Map<String, String> next = new LinkedHashMap<>(byAccount);
        next.put(account, role);
        return new RoleAssignments(everywhere, next);
    }

    /** As written in config and grants: {@code viewer, deployer@dev}. */
    public String render() {
        List<String> parts = new ArrayList<>();
        if (!everywhere.isEmpty()) {
            parts.add(everywhere);
        }
        new java.util.TreeMap<>(byAccount).forEach((account, role) -> parts.add(role + "@" + account));
        return String.join(", ", parts);
    }

    /** Every role name mentioned. */
    public List<String> names() {
        List<String> names = new ArrayList<>(byAccount.values());
        if (!everywhere.isEmpty()) {
            names.add(everywhere);
        }
        return names;
    }
}
