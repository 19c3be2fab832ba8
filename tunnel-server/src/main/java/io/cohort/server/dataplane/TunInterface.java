package io.cohort.server.dataplane;

import io.cohort.dataplane.libc.SystemCallException;
import io.cohort.dataplane.netlink.InterfaceConfig;
import io.cohort.dataplane.netlink.NetlinkSocket;
import io.cohort.dataplane.netlink.Routes;
import io.cohort.dataplane.tun.TunDevice;
import io.cohort.dataplane.tun.TunReader;
import io.cohort.server.config.PoolSection;
import io.cohort.server.config.TunSection;
import io.cohort.telemetry.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.Inet4Address;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The users' side of the server in the kernel: a TUN device with the gateway address and MTU of
 * the configuration, up, with a route for the whole pool through it. Closing the device removes
 * the address and the route with it.
 */
public final class TunInterface implements AutoCloseable, HostRoutes {
    private static final Logger LOG = Logger.getLogger(TunInterface.class.getName());

    private final TunDevice device;
    /** Opened with the device, so that host routes go to its network namespace whatever thread asks. */
    private final NetlinkSocket routing;
    private TunReader reader;

    private TunInterface(TunDevice device, NetlinkSocket routing) {
        this.device = device;
        this.routing = routing;
    }

    /** Creates and configures the device in the calling thread's network namespace. */
    public static TunInterface open(TunSection tun, PoolSection pool) throws SystemCallException {
        TunDevice device = TunDevice.open(tun.name());
        try (NetlinkSocket netlink = NetlinkSocket.open()) {
            InterfaceConfig config = new InterfaceConfig(netlink);
            config.setMtu(device.name(), tun.mtu());
            config.addAddress(device.name(), pool.gateway(), 32);
            config.setUp(device.name());
            new Routes(netlink).add(device.name(), pool.ipv4().networkAddress(), pool.ipv4().prefixLength());
        } catch (SystemCallException | RuntimeException e) {
            device.close();
            throw e;
        }
        LOG.info(() -> "TUN " + device.name() + " up: gateway " + pool.gateway().getHostAddress() + ", route "
                + pool.ipv4() + ", mtu " + tun.mtu());
        NetlinkSocket routing;
        try {
            routing = NetlinkSocket.open();
        } catch (SystemCallException | RuntimeException e) {
            device.close();
            throw e;
        }
        return new TunInterface(device, routing);
    }

    @Override
    public boolean add(Inet4Address address) {
        try {
            new Routes(routing).add(device.name(), address, 32);
            return true;
        } catch (SystemCallException e) {
            LOG.warning(() -> "could not route " + address.getHostAddress() + " onto " + device.name() + ": " + e);
            return false;
        }
    }

    @Override
    public void remove(Inet4Address address) {
        try {
            new Routes(routing).delete(device.name(), address, 32);
        } catch (SystemCallException e) {
            LOG.warning(() -> "could not remove the route of " + address.getHostAddress() + ": " + e);
        }
    }

    @Override
    public boolean addLocal(Inet4Address gateway) {
        try {
            new InterfaceConfig(routing).addAddress(device.name(), gateway, 32);
            return true;
        } catch (SystemCallException e) {
            LOG.warning(() -> "could not hold " + gateway.getHostAddress() + " on " + device.name() + ": " + e);
            return false;
        }
    }

    @Override
    public void removeLocal(Inet4Address gateway) {
        try {
            new InterfaceConfig(routing).deleteAddress(device.name(), gateway, 32);
        } catch (SystemCallException e) {
            LOG.warning(() -> "could not remove " + gateway.getHostAddress() + " from " + device.name() + ": " + e);
        }
    }

    public String name() {
        return device.name();
    }

    /** Starts the reading thread; {@code consumer} gets each packet (valid during the call only). */
    public void startReading(Consumer<ByteBuffer> consumer, Counters counters) {
        reader = TunReader.start(device, consumer, counters);
    }

    /** False once the reading thread has stopped (device closed or a read error). */
    public boolean reading() {
        return reader != null && reader.isRunning();
    }

    public Optional<IOException> readFailure() {
        return reader == null ? Optional.empty() : reader.failure();
    }

    /** Writes one IP packet; called on the engine thread. */
    public void write(ByteBuffer packet) throws IOException {
        device.write(packet);
    }

    @Override
    public void close() {
        routing.close();
        if (reader == null) {
            device.close();
            return;
        }
        try {
            reader.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            device.close();
        }
    }
}
