package io.striate.benchmark.stimuli;

/**
 * One static sinusoidal grating of the Marques 2020 stimulus sets (spec §4.2). All angles and positions in
 * degrees; the centre is in degrees of visual angle from the canvas centre, y positive downward.
 *
 * @param positionY        centre, degrees below the canvas centre
 * @param positionX        centre, degrees right of the canvas centre
 * @param contrast         Michelson contrast (1 everywhere in Marques 2020)
 * @param radius           radius of the hard circular aperture, degrees
 * @param spatialFrequency cycles per degree
 * @param orientation      degrees; 0 = vertical stripes, increasing clockwise on screen
 * @param phase            spatial phase, degrees
 */
public record Grating(double positionY, double positionX, double contrast, double radius, double spatialFrequency,
                      double orientation, double phase) {
}
