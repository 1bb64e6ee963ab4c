package dev.lit.linux.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes tar archives for tests: ustar headers, pax records for long names and xattrs, GNU long names. */
final class TarBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long mtime = 1_700_000_000L;
    private boolean gnuLongNames;

    TarBuilder gnuLongNames() {
        gnuLongNames = true;
        return this;
    }

    TarBuilder dir(String name, int mode) {
        return entry(name, '5', mode, 0, 0, new byte[0], "", 0, 0, Map.of());
    }

    TarBuilder file(String name, int mode, String content) {
        return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBuilder file(String name, int mode, byte[] content) {
        return entry(name, '0', mode, 0, 0, content, "", 0, 0, Map.of());
    }

    TarBuilder file(String name, int mode, int uid, int gid, String content, Map<String, String> xattrs) {
        return entry(name, '0', mode, uid, gid, content.getBytes(StandardCharsets.UTF_8), "", 0, 0, xattrs);
    }

    TarBuilder file(String name, int mode, Path source) throws IOException {
        return file(name, mode, Files.readAllBytes(source));
    }

    TarBuilder symlink(String name, String target) {
        return entry(name, '2', 0777, 0, 0, new byte[0], target, 0, 0, Map.of());
    }

    TarBuilder hardlink(String name, String target) {
        return entry(name, '1', 0644, 0, 0, new byte[0], target, 0, 0, Map.of());
    }

    TarBuilder charDevice(String name, int major, int minor) {
        return entry(name, '3', 0666, 0, 0, new byte[0], "", major, minor, Map.of());
    }

    TarBuilder fifo(String name) {
        return entry(name, '6', 0644, 0, 0, new byte[0], "", 0, 0, Map.of());
    }

    TarBuilder entry(String name, char type, int mode, int uid, int gid, byte[] content, String link, int major, int minor, Map<String, String> xattrs) {
        try {
            Map<String, String> pax = new LinkedHashMap<>();
            xattrs.forEach((k, v) -> pax.put("SCHILY.xattr." + k, v));
            String headerName = name;
            if (name.getBytes(StandardCharsets.UTF_8).length > 100) {
                if (gnuLongNames) {
                    byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
                    writeHeader("././@LongLink", 'L', 0644, 0, 0, n.length, "", 0, 0);
                    writeData(n);
                } else {
                    pax.put("path", name);
                }
                headerName = name.substring(0, 100);
            }
            if (link.length() > 100) {
                pax.put("linkpath", link);
                link = link.substring(0, 100);
            }
            if (!pax.isEmpty()) {
                byte[] records = paxRecords(pax);
                writeHeader("PaxHeaders/" + headerName.substring(0, Math.min(80, headerName.length())), 'x', 0644, 0, 0, records.length, "", 0, 0);
                writeData(records);
            }
            writeHeader(headerName, type, mode, uid, gid, content.length, link, major, minor);
            writeData(content);
            return this;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] paxRecords(Map<String, String> pax) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        pax.forEach((k, v) -> {
            String body = " " + k + "=" + v + "\n";
            int len = body.getBytes(StandardCharsets.UTF_8).length;
            int total = len + String.valueOf(len).length();
            if (String.valueOf(total).length() != String.valueOf(len).length()) {
                total++;
            }
            b.writeBytes((total + body).getBytes(StandardCharsets.UTF_8));
        });
        return b.toByteArray();
    }

    private void writeHeader(String name, char type, int mode, int uid, int gid, long size, String link, int major, int minor) throws IOException {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        octal(h, 100, 8, mode);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar\0");
        put(h, 263, 2, "00");
        put(h, 265, 32, "root");
        put(h, 297, 32, "root");
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        put(h, 148, 6, chk);
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
    }

    private void writeData(byte[] data) {
        out.writeBytes(data);
        int pad = (512 - data.length % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    private static void put(byte[] h, int off, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, Math.min(len, b.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = String.format("%0" + (len - 1) + "o", v);
        put(h, off, len - 1, s);
        h[off + len - 1] = 0;
    }

    byte[] build() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }

    static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream z = new io.airlift.compress.v3.zstd.ZstdOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }
}
