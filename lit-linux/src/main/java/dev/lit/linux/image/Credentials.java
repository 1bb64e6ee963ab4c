package dev.lit.linux.image;

/**
 * A user name and password (or token) for a registry. The password never appears in toString.
 *
 * @param username the user name
 * @param password the password or token
 */
public record Credentials(String username, String password) {
    @Override
    public String toString() {
        return "Credentials[" + username + ", ****]";
    }
}
