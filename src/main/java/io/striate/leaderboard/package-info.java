/**
 * The public leaderboard: ranks stored results along the benchmark score tree. Public surface:
 * {@link io.striate.leaderboard.LeaderboardUpdater} (recomputes a version's entry after scoring); the JSON, CSV
 * and badge endpoints are internal.
 */
package io.striate.leaderboard;
