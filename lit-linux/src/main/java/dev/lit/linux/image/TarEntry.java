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
 * @param mode the permission bits, set-id and sticky bits included
 * @param uid the owner's id
 * @param gid the group's id
 * @param size the data's length in bytes
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos its nanoseconds, from a pax record; 0 otherwise
 * @param devMajor a device's major number
 * @param devMinor a device's minor number
 */
public record TarEntry(String name, char type, int mode, int uid, int gid, long size, long mtimeSeconds,
        long mtimeNanos, String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
    /** Type flag of a regular file. */
    public static final char FILE = '0';
    /** Type flag of a hard link. */
    public static final char HARD_LINK = '1';
    /** Type flag of a symbolic link. */
    public static final char SYMLINK = '2';
    /** Type flag of a character device. */
    public static final char CHAR_DEVICE = '3';
    /** Type flag of a block device. */
    public static final char BLOCK_DEVICE = '4';
    /** Type flag of a directory. */
    public static final char DIRECTORY = '5';
    /** Type flag of a named pipe. */
    public static final char FIFO = '6';

    /**
     * Whether the entry is a directory.
     *
     * @return true for type '5'
     */
    public boolean isDirectory() {
        return type == DIRECTORY;
    }
}
