package dev.lit;

/** Checks for paths inside a container, shared by the spec records. */
final class ContainerPaths {
    private ContainerPaths() {
    }

    static String requireAbsolute(String field, String path) {
        if (!path.startsWith("/")) {
            throw new InvalidSpecException(field, "a container path must be absolute: '" + path + "'");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidSpecException(field, "a path cannot contain a NUL character");
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new InvalidSpecException(field, "a container path cannot contain '..': '" + path + "'");
            }
        }
        return path;
    }
}
