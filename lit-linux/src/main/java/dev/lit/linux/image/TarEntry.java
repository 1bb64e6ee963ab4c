package dev.lit.linux.image;

import java.util.Map;

/**
 * One tar header, after pax and GNU long-name records have been applied.
 *
 * @param name     the entry's path as written in the archive
 * @param type     the type flag: '0' file, '1' hard link, '2' symlink, '3' char device,
 *                 '4' block device, '5' directory, '6' FIFO
 * @param linkName the target of a link
 * @param xattrs   extended attributes from {@code SCHILY.xattr.*} pax records
 */
public record TarEntry(String name, char type, int mode, int uid, int gid, long size, long mtimeSeconds,
        long mtimeNanos, String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
    public static final char FILE = '0';
    public static final char HARD_LINK = '1';
    public static final char SYMLINK = '2';
    public static final char CHAR_DEVICE = '3';
    public static final char BLOCK_DEVICE = '4';
    public static final char DIRECTORY = '5';
    public static final char FIFO = '6';

    public boolean isDirectory() {
        return type == DIRECTORY;
    }
}
