/**
 * Bridge networks: rtnetlink over an FFM socket (bridges, veth pairs, addresses, routes),
 * a persistent address allocator under the state root, outbound NAT and isolation with a
 * Lit-owned nftables table, a port-publishing proxy on virtual threads, and the
 * {@code /etc/hosts}, {@code /etc/hostname} and {@code /etc/resolv.conf} files of each container.
 */
@NullMarked
package dev.lit.linux.net;

import org.jspecify.annotations.NullMarked;
