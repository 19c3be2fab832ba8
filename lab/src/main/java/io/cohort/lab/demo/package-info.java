/**
 * {@code cohort run --demo}: the local cluster with built-in clients of both protocols
 * ({@link io.cohort.lab.demo.LocalClusterDemo}, {@link io.cohort.lab.demo.BuiltInClients},
 * which {@code cohort demo-client} runs in the client namespace), and with {@code --single} the
 * one-server demo: the built-in demo user ({@link io.cohort.lab.demo.DemoUser}) and the run of
 * the in-repo client against this server ({@link io.cohort.lab.demo.DemoRun}).
 */
package io.cohort.lab.demo;
