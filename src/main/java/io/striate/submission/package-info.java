/**
 * The REST entry points for models, versions, activations and submissions. Nothing here is used by another
 * feature.
 */
package io.striate.submission;
