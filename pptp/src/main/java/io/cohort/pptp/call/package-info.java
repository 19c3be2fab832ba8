/** Call ID allocation for PPTP calls (RFC 2637 section 3.2.2). */
package io.cohort.pptp.call;
