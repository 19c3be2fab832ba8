/**
 * IPv4 value types shared by the configuration and the address pool: literal parsing that never
 * resolves host names ({@link io.cohort.server.inet.Ipv4Literal}) and CIDR blocks
 * ({@link io.cohort.server.inet.Ipv4Cidr}).
 */
package io.cohort.server.inet;
