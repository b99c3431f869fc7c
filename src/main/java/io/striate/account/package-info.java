/**
 * API tokens, callers and scopes. Public surface: {@link io.striate.account.Caller} (who is calling),
 * {@link io.striate.account.Callers} (the current caller and scope checks) and {@link io.striate.account.Scope}.
 * The authentication filter, rate limiter and token endpoints are internal.
 */
package io.striate.account;
