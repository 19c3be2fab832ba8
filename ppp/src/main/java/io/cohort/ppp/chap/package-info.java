/**
 * CHAP (RFC 1994) with MD5 and MS-CHAPv2 (RFC 2759): packet bodies, the MS-CHAPv2 success and
 * failure message formats, and the server and client exchanges. Depends on {@code wire},
 * {@code crypto}, {@code auth}, {@code lcp} (method names), {@code time}; never on the link engine.
 */
package io.cohort.ppp.chap;
