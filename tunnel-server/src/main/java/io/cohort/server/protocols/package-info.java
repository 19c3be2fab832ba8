/**
 * The production runtime: every enabled protocol ({@code l2tp}, {@code pptp}) on one shared
 * engine loop ({@code dataplane}). Registered as the one {@code ServerRuntimeFactory} of the
 * product jar.
 */
package io.cohort.server.protocols;
