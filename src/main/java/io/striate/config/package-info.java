/**
 * Settings and process wiring: {@link io.striate.config.StriateProperties} (the {@code striate.*} settings
 * record) and the embedded PostgreSQL started when no datasource URL is configured. Depends on nothing else in
 * Striate.
 */
package io.striate.config;
