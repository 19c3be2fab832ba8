package io.cohort.server.config;

import io.cohort.server.inet.Ipv4Literal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address and address-and-port literals as the configuration writes them. Nothing is ever
 * looked up: a host name is simply not a literal.
 *
 * <ul>
 *   <li>an address: an IPv4 literal ({@code 192.0.2.1}) or an IPv6 literal ({@code 2001:db8::1})
 *   <li>an address and port: {@code 192.0.2.1:7400} or {@code [2001:db8::1]:7400}, port 1..65535
 * </ul>
 */
final class AddressLiteral {
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)]:([^:]*)");

    private AddressLiteral() {
    }

    /**
     * True if {@code text} can only be meant as an IPv6 literal: it has a ':' and nothing but hex
     * digits, ':' and '.'. {@link InetAddress#getByName} never looks such a text up (it contains
     * ':'), so it is safe to hand over.
     */
    static boolean looksLikeIpv6(String text) {
        return text.contains(":") && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    }

    /** An IPv4 or IPv6 literal, or empty. */
    static Optional<InetAddress> ip(String text) {
        if (looksLikeIpv6(text)) {
            try {
                return Optional.of(InetAddress.getByName(text));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Ipv4Literal.parse(text).map(a -> a);
    }

    /** {@code IPV4:PORT} or {@code [IPV6]:PORT}, or empty. The address is never resolved. */
    static Optional<InetSocketAddress> socketAddress(String text) {
        String host;
        String port;
        Optional<? extends InetAddress> address;
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            host = bracketed.group(1);
            port = bracketed.group(2);
            address = looksLikeIpv6(host) ? ip(host) : Optional.empty();
        } else {
            int colon = text.indexOf(':');
            if (colon < 0 || colon != text.lastIndexOf(':')) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            address = Ipv4Literal.parse(host);
        }
        if (address.isEmpty() || !PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new InetSocketAddress(address.get(), Integer.parseInt(port)));
    }

    /** {@code 192.0.2.1:7400} or {@code [2001:db8::1]:7400}, as {@link #socketAddress} reads it. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
