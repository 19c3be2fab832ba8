package io.cohort.cluster.message;

import io.cohort.cluster.member.MemberId;

/** One line of the master's member list: a member and where it listens. */
public record MemberEntry(MemberId id, MemberAddress address) {}
