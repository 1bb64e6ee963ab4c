package dev.lit.linux.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 hex>}; the only algorithm Lit accepts.
 *
 * @param hex the 64 lowercase hex digits
 */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Checks the hex digits.
     *
     * @throws ImageException if they are not 64 lowercase hex digits
     */
    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new ImageException("not a sha256 digest: " + hex);
        }
    }

    /**
     * Reads {@code sha256:<hex>}.
     *
     * @param text the digest as manifests write it
     * @return the digest
     * @throws ImageException for another algorithm or a malformed digest
     */
    public static Digest parse(String text) {
        if (!text.startsWith("sha256:")) {
            throw new ImageException("unsupported digest '" + text + "': Lit verifies sha256 digests only");
        }
        return new Digest(text.substring(7));
    }

    /**
     * The digest of these bytes.
     *
     * @param content the bytes
     * @return their sha256 digest
     */
    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    /**
     * The digest a SHA-256 computation has reached, finishing it.
     *
     * @param finished a {@link #sha256()} fed the content
     * @return the digest
     */
    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    /**
     * A new SHA-256 computation, for content read in pieces.
     *
     * @return the message digest
     */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first 16 hex digits: names layer directories, keeping overlay option strings short.
     *
     * @return 16 hex digits
     */
    public String shortId() {
        return hex.substring(0, 16);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
