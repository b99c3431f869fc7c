/**
 * The error vocabulary, the lowest layer: every failure a client or operator can act on.
 *
 * <p>Public surface: {@link io.striate.problem.ProblemException} (the one exception type: status, stable
 * {@code code}, {@code field}, {@code hint}), {@link io.striate.problem.ProblemStatus},
 * {@link io.striate.problem.ScoringException} and {@link io.striate.problem.FailureKind} (why a job failed and
 * whether it is retried), and {@link io.striate.problem.Problems} (builds the RFC 9457 document, for filters that
 * answer outside Spring MVC). {@code ProblemHandler} is the one handler rendering them.
 */
package io.striate.problem;
