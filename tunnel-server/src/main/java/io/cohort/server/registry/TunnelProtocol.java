package io.cohort.server.registry;

/** The tunnelling protocol of a registry row. */
public enum TunnelProtocol {
    L2TP,
    PPTP
}
