/**
 * The job queue and the scoring workers, on top of everything they run: {@link io.striate.scoring.Job} and
 * {@link io.striate.scoring.JobRepository} are public (submissions enqueue jobs); the runner, the workers and the
 * score recorder are internal.
 */
package io.striate.scoring;
