package io.cohort.server.pool;

import io.cohort.ppp.ipcp.Ipv4AddressAllocator;
import io.cohort.server.inet.Ipv4Cidr;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The addresses of a CIDR block minus its network and broadcast addresses and the gateway (the
 * server's own PPP address), handed out to users one at a time.
 *
 * <p>Free addresses form a doubly linked list threaded through two int arrays indexed by the
 * address's offset in the block: {@link #allocate} takes the head, {@link #release} appends to
 * the tail, so a released address is reused as late as possible (stale routes and ARP entries
 * for it have time to age out). Because the list is doubly linked, any free address can also be
 * unlinked in O(1), which gives a returning user the address they had last time if nobody took
 * it since. Every operation is O(1); all are synchronized (an allocation is rare next to packet
 * work). Memory is 8 bytes per address plus the remembered users, at most one per address.
 *
 * <p>A member that takes over a session keeps the client's address even when another member's
 * pool gave it (each member of a cluster has its own block): such an address outside the block is
 * held as a <em>foreign lease</em>, tracked (so the address is known to be in use here, and
 * {@link #release} ends it) but never handed out, and not counted in {@link #used()}.
 */
public final class Ipv4Pool implements Ipv4AddressAllocator {
    private static final int NIL = -1;

    private final Ipv4Cidr cidr;
    private final int capacity;
    private final int[] next;
    private final int[] prev;
    private final boolean[] inUse;
    private final boolean[] excluded;
    /** The user an offset was last given to, and the reverse, so a user gets it back. */
    private final String[] lastUser;
    private final Map<String, Integer> lastOffsetByUser = new HashMap<>();
    /** Addresses outside the block that sessions taken over from other members hold, and their users. */
    private final Map<Inet4Address, String> foreign = new HashMap<>();
    private final Inet4Address gateway;
    private int head = NIL;
    private int tail = NIL;
    private int used;

    /** A pool of {@code cidr} (prefix /12../30) without its network, broadcast and {@code gateway}. */
    public Ipv4Pool(Ipv4Cidr cidr, Inet4Address gateway) {
        this.cidr = Objects.requireNonNull(cidr);
        this.gateway = Objects.requireNonNull(gateway);
        if (cidr.prefixLength() < 12 || cidr.prefixLength() > 30) {
            throw new IllegalArgumentException("pool " + cidr + " needs a prefix length of 12 to 30");
        }
        int n = (int) cidr.size();
        next = new int[n];
        prev = new int[n];
        inUse = new boolean[n];
        excluded = new boolean[n];
        lastUser = new String[n];
        excluded[0] = true;
        excluded[n - 1] = true;
        if (cidr.contains(gateway)) {
            excluded[(int) cidr.offsetOf(gateway)] = true;
        }
        int count = 0;
        for (int offset = 0; offset < n; offset++) {
            if (!excluded[offset]) {
                append(offset);
                count++;
            }
        }
        capacity = count;
    }

    /**
     * A free address for {@code user}: the one the user had last if it is free, else the free
     * address released longest ago (or never used). Empty when the pool is exhausted.
     */
    @Override
    public synchronized Optional<Inet4Address> allocate(String user) {
        Objects.requireNonNull(user);
        if (head == NIL) {
            return Optional.empty();
        }
        Integer previous = lastOffsetByUser.get(user);
        int offset = previous != null && !inUse[previous] ? previous : head;
        take(offset, user);
        return Optional.of(cidr.addressAt(offset));
    }

    /**
     * Takes {@code address} for {@code user} whatever its place in the free list: how a member that
     * takes over a session holds on to the address the session already has (DESIGN.md, "State":
     * the lease is the session's initial state, so the client keeps its address). True if the
     * address is now {@code user}'s, also when it already was; false if another user holds it, or
     * if it is the block's network, broadcast or gateway address. An address outside the block
     * becomes a foreign lease (see the class comment).
     */
    public synchronized boolean claim(Inet4Address address, String user) {
        Objects.requireNonNull(user);
        if (!cidr.contains(address)) {
            return user.equals(foreign.merge(address, user, (held, claimant) -> held));
        }
        if (excluded[(int) cidr.offsetOf(address)]) {
            return false;
        }
        int offset = offsetOf(address);
        if (inUse[offset]) {
            return user.equals(lastUser[offset]);
        }
        take(offset, user);
        return true;
    }

    /** Marks the free {@code offset} in use by {@code user}, remembered as the user's last address. */
    private void take(int offset, String user) {
        unlink(offset);
        inUse[offset] = true;
        used++;
        String formerUser = lastUser[offset];
        if (formerUser != null && !formerUser.equals(user)) {
            lastOffsetByUser.remove(formerUser, offset);
        }
        lastUser[offset] = user;
        lastOffsetByUser.put(user, offset);
    }

    /**
     * Returns {@code address} to the pool, or ends its foreign lease. Idempotent: releasing an
     * address that is not in use does nothing, so several teardown paths of one session may each
     * release it. The block's network, broadcast and gateway addresses are a programming error.
     */
    @Override
    public synchronized void release(Inet4Address address) {
        if (!cidr.contains(address)) {
            foreign.remove(address);
            return;
        }
        int offset = offsetOf(address);
        if (!inUse[offset]) {
            return;
        }
        inUse[offset] = false;
        used--;
        append(offset);
    }

    /** How many addresses the pool can hand out in all. */
    public int size() {
        return capacity;
    }

    public synchronized int used() {
        return used;
    }

    public synchronized int free() {
        return capacity - used;
    }

    public synchronized boolean isInUse(Inet4Address address) {
        return cidr.contains(address) ? inUse[(int) cidr.offsetOf(address)] : foreign.containsKey(address);
    }

    /** Whether {@code address} is held as a foreign lease (outside the block, from a session taken over). */
    public synchronized boolean isForeign(Inet4Address address) {
        return foreign.containsKey(address);
    }

    /** How many foreign leases are held. */
    public synchronized int foreignLeases() {
        return foreign.size();
    }

    /** The server's own address on its sessions' links (IPCP's local address), never handed out. */
    public Inet4Address gateway() {
        return gateway;
    }

    public Ipv4Cidr cidr() {
        return cidr;
    }

    /** An address in use and the user it was given to. */
    public record Allocation(Inet4Address address, String user) {
    }

    /** The addresses in use, in address order (O(size of the block): for status, not per packet). */
    public synchronized List<Allocation> allocations() {
        List<Allocation> out = new ArrayList<>(used);
        for (int offset = 0; offset < inUse.length; offset++) {
            if (inUse[offset]) {
                out.add(new Allocation(cidr.addressAt(offset), lastUser[offset]));
            }
        }
        return out;
    }

    /** The offset of one of the pool's addresses. */
    private int offsetOf(Inet4Address address) {
        if (!cidr.contains(address) || excluded[(int) cidr.offsetOf(address)]) {
            throw new IllegalArgumentException(address.getHostAddress() + " is not an address of pool " + cidr);
        }
        return (int) cidr.offsetOf(address);
    }

    private void append(int offset) {
        prev[offset] = tail;
        next[offset] = NIL;
        if (tail == NIL) {
            head = offset;
        } else {
            next[tail] = offset;
        }
        tail = offset;
    }

    private void unlink(int offset) {
        int p = prev[offset];
        int n = next[offset];
        if (p == NIL) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            tail = p;
        } else {
            prev[n] = p;
        }
        prev[offset] = NIL;
        next[offset] = NIL;
    }

    @Override
    public String toString() {
        return "Ipv4Pool[" + cidr + ", " + used() + "/" + capacity + " in use]";
    }
}
