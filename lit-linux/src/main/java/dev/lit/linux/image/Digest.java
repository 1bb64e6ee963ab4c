package dev.lit.linux.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, {@code sha256:<64 hex>}; the only algorithm Lit accepts. */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) {
            throw new ImageException("not a sha256 digest: " + hex);
        }
    }

    public static Digest parse(String text) {
        if (!text.startsWith("sha256:")) {
            throw new ImageException("unsupported digest '" + text + "': Lit verifies sha256 digests only");
        }
        return new Digest(text.substring(7));
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    public static Digest of(MessageDigest finished) {
        return new Digest(HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 16 hex digits: names layer directories, keeping overlay option strings short. */
    public String shortId() {
        return hex.substring(0, 16);
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
