/**
 * What every protocol runtime shares: the engine loop ({@link io.cohort.server.dataplane.EngineLoop},
 * the one event loop thread that drives every engine), the TUN device
 * ({@link io.cohort.server.dataplane.TunInterface}) and the IPv4 data path between it and the
 * sessions ({@link io.cohort.server.dataplane.Ipv4Dispatcher}). Knows no tunnelling protocol.
 */
package io.cohort.server.dataplane;
