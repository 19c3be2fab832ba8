/**
 * Seeded random cases for property tests written as JUnit 5 parameterized tests:
 * {@link io.cohort.testsupport.SeededCases} (the cases, one seed each), {@link
 * io.cohort.testsupport.RandomValues} (the values of a case) and {@link
 * io.cohort.testsupport.FailingCaseReport} (the seed and values of a failing case). Used by
 * the modules' tests only; depends on JUnit alone, on no Cohort module.
 */
package io.cohort.testsupport;
