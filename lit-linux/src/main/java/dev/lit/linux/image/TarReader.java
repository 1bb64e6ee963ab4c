package dev.lit.linux.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tar stream: ustar and GNU headers, base-256 numbers, pax extended headers (path,
 * linkpath, size, uid, gid, mtime, {@code SCHILY.xattr.*}) and GNU long names and link
 * names. Sparse files are refused. Call {@link #next()}, then read {@link #content()}.
 */
public final class TarReader {
    private static final int BLOCK = 512;

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final byte[] scratch = new byte[64 * 1024];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long remaining;
    private long padding;

    /**
     * A reader of this stream, which must be an uncompressed tar.
     *
     * @param in the stream
     */
    public TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next entry, or null at the end of the archive.
     *
     * @return the entry, or null
     * @throws IOException if the stream cannot be read or is not a valid tar
     */
    public @Nullable TarEntry next() throws IOException {
        skipRest();
        Map<String, byte[]> pax = new LinkedHashMap<>(globalPax);
        String longName = null;
        String longLink = null;
        for (;;) {
            if (!readBlock()) {
                return null;
            }
            if (isZero(header)) {
                return null;
            }
            verifyChecksum();
            char type = (char) (header[156] == 0 ? '0' : header[156]);
            long size = number(124, 12);
            switch (type) {
                case 'x' -> {
                    pax.putAll(parsePax(readData(size)));
                    continue;
                }
                case 'g' -> {
                    Map<String, byte[]> g = parsePax(readData(size));
                    globalPax.putAll(g);
                    pax.putAll(g);
                    continue;
                }
                case 'L' -> {
                    longName = cString(readData(size));
                    continue;
                }
                case 'K' -> {
                    longLink = cString(readData(size));
                    continue;
                }
                case 'S' -> throw new IOException("GNU sparse files are not supported in image layers");
                default -> {
                }
            }
            return entry(type, size, pax, longName, longLink);
        }
    }

    /**
     * The current entry's data; reading past its end returns end of stream.
     *
     * @return a stream over the current entry's data
     */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new EOFException("tar entry truncated: " + remaining + " bytes missing");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private TarEntry entry(char type, long headerSize, Map<String, byte[]> pax, @Nullable String longName, @Nullable String longLink) throws IOException {
        String name = longName != null ? longName : headerName();
        String link = longLink != null ? longLink : string(157, 100);
        long size = headerSize;
        int uid = (int) number(108, 8);
        int gid = (int) number(116, 8);
        long mtime = number(136, 12);
        long mtimeNanos = 0;
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            String key = e.getKey();
            String value = new String(e.getValue(), StandardCharsets.UTF_8);
            switch (key) {
                case "path" -> name = value;
                case "linkpath" -> link = value;
                case "size" -> size = Long.parseLong(value);
                case "uid" -> uid = (int) Long.parseLong(value);
                case "gid" -> gid = (int) Long.parseLong(value);
                case "mtime" -> {
                    int dot = value.indexOf('.');
                    mtime = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
                    if (dot >= 0) {
                        String frac = (value.substring(dot + 1) + "000000000").substring(0, 9);
                        mtimeNanos = Long.parseLong(frac);
                    }
                }
                default -> {
                    if (key.startsWith("SCHILY.xattr.")) {
                        xattrs.put(key.substring("SCHILY.xattr.".length()), e.getValue());
                    } else if (key.startsWith("GNU.sparse.")) {
                        throw new IOException("sparse files are not supported in image layers: " + name);
                    }
                }
            }
        }
        if (size < 0) {
            throw new IOException("negative size in tar header for " + name);
        }
        boolean hasData = type == '0' || type == '7' || (type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6');
        remaining = hasData ? size : 0;
        padding = hasData ? (BLOCK - size % BLOCK) % BLOCK : 0;
        char normalized = type == '7' ? '0' : type;
        return new TarEntry(name, normalized, (int) number(100, 8), uid, gid, hasData ? size : 0, mtime, mtimeNanos, link,
                (int) number(329, 8), (int) number(337, 8), xattrs);
    }

    private String headerName() {
        String name = string(0, 100);
        boolean posix = header[257] == 'u' && header[262] == 0; // "ustar\0", not GNU's "ustar  "
        if (posix && header[345] != 0) {
            return string(345, 155) + "/" + name;
        }
        return name;
    }

    private byte[] readData(long size) throws IOException {
        if (size > 16 << 20) {
            throw new IOException("tar extended header too large: " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("tar extended header truncated");
        }
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        discard(pad);
        return data;
    }

    /** pax records: "LEN KEY=VALUE\n", LEN counting the whole record in bytes. */
    static Map<String, byte[]> parsePax(byte[] data) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break;
            }
            int space = pos;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("malformed pax record");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || data[end - 1] != '\n') {
                throw new IOException("malformed pax record");
            }
            int eq = space + 1;
            while (eq < end && data[eq] != '=') {
                eq++;
            }
            if (eq >= end) {
                throw new IOException("malformed pax record");
            }
            String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
            byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
            out.put(key, value);
            pos = end;
        }
        return out;
    }

    private void skipRest() throws IOException {
        if (remaining > 0) {
            discard(remaining);
            remaining = 0;
        }
        if (padding > 0) {
            discard(padding);
            padding = 0;
        }
    }

    /** Skips by reading, so that a digest computed over the stream covers skipped bytes too. */
    private void discard(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
            if (r < 0) {
                throw new EOFException("tar stream truncated");
            }
            left -= r;
        }
    }

    private boolean readBlock() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("tar header truncated");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void verifyChecksum() throws IOException {
        long stored = number(148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = (i >= 148 && i < 156) ? (byte) ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (stored != unsigned && stored != signed) {
            throw new IOException("corrupt tar header (checksum mismatch)");
        }
    }

    private long number(int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long v = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                v = (v << 8) | (header[offset + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        boolean any = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || (b == ' ' && any)) {
                break;
            }
            if (b == ' ') {
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("corrupt tar header (bad octal number)");
            }
            v = (v << 3) | (b - '0');
            any = true;
        }
        return v;
    }

    private String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String cString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }
}
