/**
 * The in-repo PPTP client (RFC 2637, the PNS placing outgoing calls): {@link
 * io.cohort.client.pptp.PptpClient} over a TCP control connection ({@code TcpControlChannel},
 * driving {@code io.cohort.pptp.control.ClientControlConnection}) and a {@link
 * io.cohort.client.pptp.GreTransport} (a raw IPv4 socket for protocol 47 from {@code dataplane},
 * or an in-memory wire in tests), one client-role PPP link with MS-CHAPv2 and MPPE-128 per call.
 * Must not depend on {@code tunnel-server}.
 */
package io.cohort.client.pptp;
