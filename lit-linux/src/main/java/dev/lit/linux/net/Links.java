package dev.lit.linux.net;

import dev.lit.linux.ffm.SyscallException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The rtnetlink requests Lit makes, over one {@link Netlink} socket (so in that socket's
 * network namespace): bridges, veth pairs, link state, MTU, IPv4 addresses and default routes.
 */
final class Links {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_NEWROUTE = 24;
    private static final int AF_UNSPEC = 0;
    private static final int AF_INET = 2;
    private static final int IFF_UP = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_MASTER = 10;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_NET_NS_FD = 28;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int VETH_INFO_PEER = 1;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_BROADCAST = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTPROT_BOOT = 3;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int RTN_UNICAST = 1;
    private static final int CREATE = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
    private static final int CHANGE = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;

    private final Netlink netlink;

    Links(Netlink netlink) {
        this.netlink = netlink;
    }

    /** Creates bridge {@code name}, up, with {@code mtu}. */
    void createBridge(String name, int mtu) {
        netlink.request(new NetlinkMessage(RTM_NEWLINK, CREATE).ifinfo(AF_UNSPEC, 0, IFF_UP, IFF_UP)
                .attrString(IFLA_IFNAME, name).attrInt(IFLA_MTU, mtu)
                .begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "bridge").end(), "create bridge " + name);
    }

    /**
     * Creates a veth pair: {@code hostName} here, up, enslaved to bridge {@code masterIndex};
     * its peer {@code peerName} directly in the network namespace {@code peerNetnsFd}, down.
     */
    void createVeth(String hostName, int masterIndex, String peerName, int peerNetnsFd, int mtu) {
        netlink.request(new NetlinkMessage(RTM_NEWLINK, CREATE).ifinfo(AF_UNSPEC, 0, IFF_UP, IFF_UP)
                .attrString(IFLA_IFNAME, hostName).attrInt(IFLA_MTU, mtu).attrInt(IFLA_MASTER, masterIndex)
                .begin(IFLA_LINKINFO).attrString(IFLA_INFO_KIND, "veth")
                .begin(IFLA_INFO_DATA).begin(VETH_INFO_PEER).ifinfo(AF_UNSPEC, 0, 0, 0)
                .attrString(IFLA_IFNAME, peerName).attrInt(IFLA_MTU, mtu).attrInt(IFLA_NET_NS_FD, peerNetnsFd)
                .end().end().end(), "create veth pair " + hostName + "/" + peerName);
    }

    /** Sets link {@code index} up. */
    void up(int index, String name) {
        netlink.request(new NetlinkMessage(RTM_NEWLINK, CHANGE).ifinfo(AF_UNSPEC, index, IFF_UP, IFF_UP), "set " + name + " up");
    }

    /** Deletes link {@code name}; false if it did not exist. */
    boolean delete(String name) {
        try {
            netlink.request(new NetlinkMessage(RTM_DELLINK, CHANGE).ifinfo(AF_UNSPEC, 0, 0, 0).attrString(IFLA_IFNAME, name), "delete link " + name);
            return true;
        } catch (SyscallException e) {
            if (Netlink.noSuchDevice(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The index of link {@code name}, if it exists. */
    Optional<Integer> index(String name) {
        try {
            ByteBuffer reply = netlink.request(new NetlinkMessage(RTM_GETLINK, CHANGE).ifinfo(AF_UNSPEC, 0, 0, 0)
                    .attrString(IFLA_IFNAME, name), "look up link " + name);
            if (reply == null) {
                return Optional.empty();
            }
            return Optional.of(reply.getInt(NetlinkMessage.HEADER + 4));
        } catch (SyscallException e) {
            if (Netlink.noSuchDevice(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Adds IPv4 {@code address}/{@code prefix} to link {@code index}, with its subnet's broadcast address. */
    void addAddress(int index, String name, Ipv4 address, int prefix) {
        netlink.request(new NetlinkMessage(RTM_NEWADDR, CREATE).ifaddr(AF_INET, prefix, RT_SCOPE_UNIVERSE, index)
                .attr(IFA_LOCAL, address.bytes()).attr(IFA_ADDRESS, address.bytes())
                .attr(IFA_BROADCAST, address.broadcast(prefix).bytes()), "add address " + address + "/" + prefix + " to " + name);
    }

    /** Adds the default route through {@code gateway}. */
    void addDefaultRoute(Ipv4 gateway) {
        netlink.request(new NetlinkMessage(RTM_NEWROUTE, CREATE).rtmsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
                .attr(RTA_GATEWAY, gateway.bytes()), "add default route via " + gateway);
    }

}
