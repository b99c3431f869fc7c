/**
 * The model contract and everything that runs models.
 *
 * <p>Public surface: {@link io.striate.model.BrainModel}, {@link io.striate.model.ModelRuntime},
 * {@link io.striate.model.ModelSource}, {@link io.striate.model.ModelContract}, {@link io.striate.model.StimulusSet},
 * {@link io.striate.model.RgbImage}, {@link io.striate.model.LayerShape}, {@link io.striate.model.ActivationSink},
 * {@link io.striate.model.Progress}; the catalog ({@code model.catalog}: registered models and their versions, and
 * {@code model.catalog.ModelAccess}, the one place of the public-or-owner visibility rule);
 * the upload preflight ({@code model.preflight.Preflight}); reference specs ({@code model.spec.ReferenceSpecs});
 * the activations export and {@code model.runtime.InvalidModelException}; the activation store
 * ({@code model.cache.ActivationStore}, which wraps a loaded model for the worker). The DJL runtime is wired in
 * {@code model.runtime.ModelRuntimeConfiguration}; blocks, spec compilation and TorchScript loading are internal.
 */
package io.striate.model;
