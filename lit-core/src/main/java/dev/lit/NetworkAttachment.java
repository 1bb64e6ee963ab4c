package dev.lit;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's membership in one named bridge network.
 *
 * @param network the network's name; a name no {@link Network} declares is created with
 *                defaults on first use and removed when its last container leaves
 * @param aliases extra host names under which the other containers of this network reach
 *                this one (its name and host name always work)
 */
public record NetworkAttachment(String network, List<String> aliases) {
    private static final Pattern ALIAS = Pattern.compile("(?=.{1,63}$)[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?)*");

    /**
     * Checks the network's name and each alias, and copies the aliases.
     *
     * @throws InvalidSpecException if one is not a valid name
     */
    public NetworkAttachment {
        NetworkSpec.requireName(network);
        aliases = List.copyOf(aliases);
        for (String alias : aliases) {
            if (!ALIAS.matcher(alias).matches()) {
                throw new InvalidSpecException("network.aliases", "'" + alias + "' is not a valid host name");
            }
        }
    }

    /**
     * Joins {@code network} under these aliases.
     *
     * @param network the network's name
     * @param aliases extra host names, maybe none
     * @return the attachment
     * @throws InvalidSpecException if a name is invalid
     */
    public static NetworkAttachment of(String network, String... aliases) {
        return new NetworkAttachment(network, List.of(aliases));
    }
}
