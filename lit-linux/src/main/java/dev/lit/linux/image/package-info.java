/**
 * OCI images: references, registry client (token and basic auth, manifests, blobs), a
 * content-addressed store of blobs and unpacked layers under the Lit root, a tar reader and
 * layer unpacker that turns OCI whiteouts into overlay whiteouts, offline sources, push,
 * and the image config defaults a container spec inherits.
 */
@NullMarked
package dev.lit.linux.image;

import org.jspecify.annotations.NullMarked;
