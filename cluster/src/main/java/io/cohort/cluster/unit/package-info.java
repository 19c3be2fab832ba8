/**
 * Work units (the patent's figure 9): the {@link io.cohort.cluster.unit.WorkFilter} that maps a
 * packet's {@link io.cohort.cluster.unit.FlowKey} to a {@link io.cohort.cluster.unit.WorkUnit},
 * computing the unit exactly as the members' kernels do ({@link io.cohort.cluster.unit.KernelJhash},
 * Linux's jhash as nftables applies it), the {@link io.cohort.cluster.unit.UnitIdSpace} that inverts it for 16-bit identifiers, and the
 * {@link io.cohort.cluster.unit.UnitIdAllocator} that hands out identifiers of a chosen unit.
 * Pure values and functions; knows nothing of members, sockets or protocol engines.
 */
package io.cohort.cluster.unit;
