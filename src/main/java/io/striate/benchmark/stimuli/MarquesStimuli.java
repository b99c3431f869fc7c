package io.striate.benchmark.stimuli;

import java.util.ArrayList;
import java.util.List;

/**
 * The Marques 2020 grating stimulus sets with Brain-Score's exact parameter grids ({@code marques_gen_stim.py},
 * spec §4.2), in canonical order (position_y &gt; position_x &gt; contrast &gt; radius &gt; sf &gt; orientation
 * &gt; phase, phase fastest; the orientation set is (pair, orientation, phase) with pairs m outer, sf inner).
 */
public final class MarquesStimuli {
  public static final String BLANK = "Marques2020_blank";
  public static final String RECEPTIVE_FIELD = "Marques2020_receptive_field";
  public static final String ORIENTATION = "Marques2020_orientation";
  public static final String SPATIAL_FREQUENCY = "Marques2020_spatial_frequency";
  public static final String SIZE = "Marques2020_size";

  /** Stimulus centre of every property set, degrees (y, x). */
  public static final double POSITION = 0.5;
  /** {@code logspace(-1.375, 3.875, 22, base=2)}, cycles/deg. */
  public static final double[] SF = logspace2(-1.5 + 0.125, 4 - 0.125, 22, 1);
  /** {@code logspace(-2.25, 3.25, 12, base=2)/2}, degrees. */
  public static final double[] RADIUS = logspace2(-3 + 0.75, 4 - 0.75, 12, 0.5);
  /** 0, 15, …, 165. */
  public static final double[] ORIENTATIONS = linspace(0, 165, 12);
  /** 0, 45, …, 315. */
  public static final double[] PHASES = linspace(0, 315, 8);
  /** RF-mapping positions −2.5, −2.25, …, 2.5. */
  public static final double[] RF_POSITIONS = linspace(-2.5, 2.5, 21);
  /** Orientation-set cycles per aperture diameter. */
  public static final int[] CYCLES = {2, 3, 4};
  /** SF indices 4, 8, 12, 16 used by the orientation and size sets. */
  public static final double[] SF_SUBSET = {SF[4], SF[8], SF[12], SF[16]};
  /** Orientations 0, 30, …, 150 of the SF and size sets. */
  public static final double[] ORIENTATIONS_6 = {ORIENTATIONS[0], ORIENTATIONS[2], ORIENTATIONS[4],
      ORIENTATIONS[6], ORIENTATIONS[8], ORIENTATIONS[10]};
  /** Radii of the SF set. */
  public static final double[] SF_SET_RADII = {0.75, 2.25};
  /** Blank: 448 px at 12°. */
  public static final int BLANK_PX = 448;

  private MarquesStimuli() {
  }

  /** numpy {@code linspace}: {@code start + i·step}, last exactly {@code stop}. */
  static double[] linspace(double start, double stop, int num) {
    double step = (stop - start) / (num - 1);
    double[] out = new double[num];
    for (int i = 0; i < num; i++) {
      out[i] = i * step + start;
    }
    out[num - 1] = stop;
    return out;
  }

  private static double[] logspace2(double start, double stop, int num, double scale) {
    double[] e = linspace(start, stop, num);
    double[] out = new double[num];
    for (int i = 0; i < num; i++) {
      out[i] = StrictMath.pow(2, e[i]) * scale;
    }
    return out;
  }

  /** 21×21 positions × 4 orientations × 2 phases, radius 1/6°, sf 3 (3528). */
  public static List<Grating> receptiveField() {
    List<Grating> out = new ArrayList<>();
    double[] ors = {ORIENTATIONS[0], ORIENTATIONS[3], ORIENTATIONS[6], ORIENTATIONS[9]};
    double[] phs = {PHASES[0], PHASES[4]};
    for (double y : RF_POSITIONS) {
      for (double x : RF_POSITIONS) {
        for (double o : ors) {
          for (double p : phs) {
            out.add(new Grating(y, x, 1, 1.0 / 6, 3, o, p));
          }
        }
      }
    }
    return out;
  }

  /** 12 (m, sf) pairs × 12 orientations × 8 phases, radius = m/2/sf (1152). */
  public static List<Grating> orientation() {
    List<Grating> out = new ArrayList<>();
    for (int m : CYCLES) {
      for (double sf : SF_SUBSET) {
        for (double o : ORIENTATIONS) {
          for (double p : PHASES) {
            out.add(new Grating(POSITION, POSITION, 1, m / 2.0 / sf, sf, o, p));
          }
        }
      }
    }
    return out;
  }

  /** 2 radii × 22 SF × 6 orientations × 8 phases (2112). */
  public static List<Grating> spatialFrequency() {
    List<Grating> out = new ArrayList<>();
    for (double r : SF_SET_RADII) {
      for (double sf : SF) {
        for (double o : ORIENTATIONS_6) {
          for (double p : PHASES) {
            out.add(new Grating(POSITION, POSITION, 1, r, sf, o, p));
          }
        }
      }
    }
    return out;
  }

  /** 12 radii × 4 SF × 6 orientations × 8 phases (2304). */
  public static List<Grating> size() {
    List<Grating> out = new ArrayList<>();
    for (double r : RADIUS) {
      for (double sf : SF_SUBSET) {
        for (double o : ORIENTATIONS_6) {
          for (double p : PHASES) {
            out.add(new Grating(POSITION, POSITION, 1, r, sf, o, p));
          }
        }
      }
    }
    return out;
  }

  /** A grating set placed on a model with {@code targetDegrees}. */
  public static GratingStimulusSet gratingSet(String name, double targetDegrees) {
    List<Grating> g = switch (name) {
      case RECEPTIVE_FIELD -> receptiveField();
      case ORIENTATION -> orientation();
      case SPATIAL_FREQUENCY -> spatialFrequency();
      case SIZE -> size();
      default -> throw new IllegalArgumentException("unknown grating set " + name);
    };
    return new GratingStimulusSet(name, g, targetDegrees);
  }

  /** The blank: uniform gray 128, 448 px at 12°, placed on the model's field of view. */
  public static GeneratedStimulusSet blank(double targetDegrees) {
    GrayImage gray = GrayImage.filled(BLANK_PX, BLANK_PX, GratingRenderer.GRAY);
    String descriptor = "blank:" + BLANK_PX + ":" + GratingRenderer.GRAY + ":" + targetDegrees;
    String code = StimulusCode.version();
    return new GeneratedStimulusSet(BLANK, 1,
        i -> FieldOfView.place(gray, GratingRenderer.CANVAS_DEGREES, targetDegrees), descriptor,
        code == null ? null : descriptor + " code " + code);
  }
}
