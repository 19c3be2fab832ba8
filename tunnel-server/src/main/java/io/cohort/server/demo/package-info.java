/**
 * {@code cohort run --demo}: the built-in demo user ({@link io.cohort.server.demo.DemoUser}) and
 * the run of the in-repo client against this server ({@link io.cohort.server.demo.DemoRun}).
 */
package io.cohort.server.demo;
