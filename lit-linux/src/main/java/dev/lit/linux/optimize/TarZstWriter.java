package dev.lit.linux.optimize;

import io.airlift.compress.v3.zstd.ZstdOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a tree as one zstd-compressed POSIX tar layer (pax headers for long names), with hard
 * links as link entries, and returns the digests an OCI manifest and config need: sha256 of the
 * compressed blob and of the uncompressed tar (the diff ID).
 */
final class TarZstWriter {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** What was written: the blob's digest and size, and the tar's digest (diff ID). */
    record Written(String blobSha256, long blobBytes, String diffIdSha256) {
    }

    private TarZstWriter() {
    }

    static Written write(Path root, Path target) throws IOException {
        MessageDigest blobDigest = sha256();
        MessageDigest tarDigest = sha256();
        long[] blobBytes = {0};
        try (OutputStream file = Files.newOutputStream(target);
             OutputStream counted = new DigestOutputStream(new OutputStream() {
                 @Override
                 public void write(int b) throws IOException {
                     file.write(b);
                     blobBytes[0]++;
                 }

                 @Override
                 public void write(byte[] b, int off, int len) throws IOException {
                     file.write(b, off, len);
                     blobBytes[0] += len;
                 }
             }, blobDigest);
             ZstdOutputStream zstd = new ZstdOutputStream(counted);
             OutputStream tar = new BufferedOutputStream(new DigestOutputStream(zstd, tarDigest), 256 * 1024)) {
            Map<Object, String> linked = new HashMap<>();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)) {
                        entry(tar, root, dir, attrs, linked);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    entry(tar, root, file, attrs, linked);
                    return FileVisitResult.CONTINUE;
                }
            });
            tar.write(new byte[1024]); // two zero blocks end the archive
        }
        return new Written(HexFormat.of().formatHex(blobDigest.digest()), blobBytes[0], HexFormat.of().formatHex(tarDigest.digest()));
    }

    private static void entry(OutputStream tar, Path root, Path p, BasicFileAttributes attrs, Map<Object, String> linked) throws IOException {
        Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,rdev,nlink", NOFOLLOW);
        int mode = (Integer) unix.get("mode");
        String name = root.relativize(p).toString() + (attrs.isDirectory() ? "/" : "");
        char type;
        String link = "";
        long size = 0;
        if (attrs.isDirectory()) {
            type = '5';
        } else if (attrs.isSymbolicLink()) {
            type = '2';
            link = Files.readSymbolicLink(p).toString();
        } else if (attrs.isRegularFile()) {
            String first = (Integer) unix.get("nlink") > 1 ? linked.putIfAbsent(attrs.fileKey(), name) : null;
            if (first != null) {
                type = '1';
                link = first;
            } else {
                type = '0';
                size = attrs.size();
            }
        } else {
            int fmt = mode & 0170000;
            type = fmt == 0020000 ? '3' : fmt == 0060000 ? '4' : '6';
        }
        long rdev = (Long) unix.get("rdev");
        Map<String, String> pax = new LinkedHashMap<>();
        if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
            pax.put("path", name);
        }
        if (link.getBytes(StandardCharsets.UTF_8).length > 100) {
            pax.put("linkpath", link);
        }
        if (!pax.isEmpty()) {
            StringBuilder records = new StringBuilder();
            for (Map.Entry<String, String> e : pax.entrySet()) {
                String body = " " + e.getKey() + "=" + e.getValue() + "\n";
                int len = body.getBytes(StandardCharsets.UTF_8).length;
                int total = len + Integer.toString(len).length();
                if (Integer.toString(total).length() != Integer.toString(len).length()) {
                    total++;
                }
                records.append(total).append(body);
            }
            byte[] data = records.toString().getBytes(StandardCharsets.UTF_8);
            tar.write(header("PaxHeaders/" + truncate(name), 0644, 0, 0, data.length, 0, 'x', "", 0, 0));
            tar.write(data);
            pad(tar, data.length);
        }
        tar.write(header(truncate(name), mode & 07777, (Integer) unix.get("uid"), (Integer) unix.get("gid"), size,
                attrs.lastModifiedTime().toMillis() / 1000, type, truncate(link), major(rdev), minor(rdev)));
        if (size > 0) {
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(tar);
            }
            pad(tar, size);
        }
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 100 ? s : new String(b, 0, 100, StandardCharsets.UTF_8);
    }

    private static byte[] header(String name, int mode, int uid, int gid, long size, long mtime, char type, String link, long major, long minor) {
        byte[] h = new byte[512];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, mtime));
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        put(h, 157, 100, link.getBytes(StandardCharsets.UTF_8));
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] chk = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, h, 148, 8);
        return h;
    }

    private static void put(byte[] h, int at, int width, byte[] value) {
        System.arraycopy(value, 0, h, at, Math.min(width, value.length));
    }

    private static void octal(byte[] h, int at, int width, long value) {
        String s = Long.toOctalString(value);
        if (s.length() > width - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field of " + width + " bytes");
        }
        String padded = "0".repeat(width - 1 - s.length()) + s;
        put(h, at, width - 1, padded.getBytes(StandardCharsets.US_ASCII));
    }

    private static void pad(OutputStream tar, long size) throws IOException {
        int rest = (int) (size % 512);
        if (rest != 0) {
            tar.write(new byte[512 - rest]);
        }
    }

    private static long major(long rdev) {
        return ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
    }

    private static long minor(long rdev) {
        return (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
