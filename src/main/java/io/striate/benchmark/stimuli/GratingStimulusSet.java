package io.striate.benchmark.stimuli;

import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import java.util.List;

/**
 * A Marques 2020 grating set rendered lazily on the model's field of view: each image is rendered on the
 * 672 px / 12° canvas (only the window the model sees) and placed with {@link FieldOfView}. Nothing is cached,
 * so memory stays at one image per call.
 */
public final class GratingStimulusSet implements StimulusSet {
  private final String name;
  private final List<Grating> gratings;
  private final double targetDegrees;
  private final FieldOfView.Window window;

  /**
   * @param name          Brain-Score's stimulus set identifier, e.g. {@code Marques2020_orientation}
   * @param gratings      the gratings in canonical order
   * @param targetDegrees the model's visual degrees
   */
  public GratingStimulusSet(String name, List<Grating> gratings, double targetDegrees) {
    this.name = name;
    this.gratings = List.copyOf(gratings);
    this.targetDegrees = targetDegrees;
    this.window = FieldOfView.window(GratingRenderer.CANVAS_PX, GratingRenderer.CANVAS_PX,
        GratingRenderer.CANVAS_DEGREES, targetDegrees);
  }

  public String name() {
    return name;
  }

  public List<Grating> gratings() {
    return gratings;
  }

  public double targetDegrees() {
    return targetDegrees;
  }

  @Override
  public int size() {
    return gratings.size();
  }

  @Override
  public String id(int index) {
    return name + "/" + index;
  }

  /** The set's name, field of view and every grating's parameters: its images follow from them. */
  @Override
  public String descriptor() {
    return "gratings:" + name + ":" + targetDegrees + ":" + gratings;
  }

  /** The descriptor and the version of the stimulus code ({@link StimulusCode}). */
  @Override
  public String durableDescriptor() {
    String code = StimulusCode.version();
    return code == null ? null : descriptor() + " code " + code;
  }

  @Override
  public RgbImage image(int index) {
    Grating g = gratings.get(index);
    if (window.left() >= 0 && window.top() >= 0) {
      return GratingRenderer.renderRgb(g, GratingRenderer.CANVAS_PX, GratingRenderer.CANVAS_DEGREES, window.left(),
          window.top(), window.width(), window.height());
    }
    return FieldOfView.place(GratingRenderer.render(g), GratingRenderer.CANVAS_DEGREES, targetDegrees);
  }
}
