package io.striate.web;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreTree;
import io.striate.benchmark.marques2020.MarquesExperiment;
import io.striate.benchmark.marques2020.PropertyBenchmarkDefinition;
import io.striate.benchmark.stimuli.Grating;
import io.striate.benchmark.stimuli.GratingStimulusSet;
import io.striate.benchmark.stimuli.MarquesStimuli;
import io.striate.leaderboard.Leaderboard;
import io.striate.model.RgbImage;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The benchmark pages {@code /benchmarks} and {@code /benchmarks/{id}}: paper, provenance and licence, the ceiling
 * and how it is computed, sample stimuli rendered server-side by the real stimulus generator
 * ({@link MarquesStimuli}, the same gratings the benchmark shows the model, here on an 8° field of view), whether the
 * data is installed and how to install it, and the distribution of every public model's score.
 */
@Controller
class BenchmarkPages {
  /** Sample images shown per grating set. */
  static final int SAMPLES = 6;
  /** Side of a rendered sample, pixels. */
  static final int SAMPLE_PX = 224;
  /** Field of view of the samples, degrees (Brain-Score's default model). */
  static final double SAMPLE_DEGREES = 8;
  private final BenchmarkRegistry benchmarks;
  private final Leaderboard leaderboard;
  private final PropertyEvidence evidence;
  private final Map<String, byte[]> pngs = new ConcurrentHashMap<>();

  BenchmarkPages(BenchmarkRegistry benchmarks, Leaderboard leaderboard, PropertyEvidence evidence) {
    this.benchmarks = benchmarks;
    this.leaderboard = leaderboard;
    this.evidence = evidence;
  }

  record Entry(BenchmarkInfo info, boolean available, String reason, String howTo) {
  }

  record Sample(String url, String caption) {
  }

  @GetMapping("/benchmarks")
  String list(Model model) {
    Map<String, List<Entry>> byParent = new TreeMap<>();
    for (Benchmark b : benchmarks.all()) {
      String parent = b.info().parent() == null ? "outside the V1 score" : b.info().parent();
      byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(entry(b));
    }
    model.addAttribute("groups", byParent);
    model.addAttribute("tree", benchmarks.tree());
    return "benchmarks";
  }

  @GetMapping("/benchmarks/{id}")
  String page(@PathVariable String id, Model model, HttpServletResponse response) {
    Optional<Benchmark> found = benchmarks.find(id);
    if (found.isEmpty()) {
      return NotFound.page(response, model, "Benchmark not found", "There is no benchmark '" + id + "'. See the "
          + "list of benchmarks.");
    }
    Benchmark b = found.get();
    BenchmarkInfo info = b.info();
    List<Double> values = leaderboard.publicValues(id);
    model.addAttribute("b", entry(b));
    model.addAttribute("ceilingHow", ceilingHow(info));
    model.addAttribute("licence", licence(info));
    model.addAttribute("stimulusSet", stimulusSet(id).orElse(null));
    model.addAttribute("stimuliNote", stimuliNote(id));
    model.addAttribute("samples", samples(id));
    model.addAttribute("scores", values);
    model.addAttribute("distribution", values.isEmpty() ? null
        : Plots.scores("Ceiled scores of " + values.size() + " public models on " + id, values));
    model.addAttribute("path", path(id));
    return "benchmark";
  }

  /** One sample stimulus of a benchmark as PNG, rendered by {@link GratingStimulusSet} (cached). */
  @GetMapping(value = "/benchmarks/{id}/stimuli/{index}.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> stimulus(@PathVariable String id, @PathVariable int index) {
    Optional<String> set = stimulusSet(id).filter(s -> !MarquesExperiment.TEXTURE_SET.equals(s));
    if (set.isEmpty() || index < 0 || index >= SAMPLES) {
      return ResponseEntity.notFound().build();
    }
    byte[] png = pngs.computeIfAbsent(set.get() + "/" + index, k -> render(set.get(), index));
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
        .body(png);
  }

  private Entry entry(Benchmark b) {
    return new Entry(b.info(), b.availability().available(), b.availability().reason(), b.availability().howTo());
  }

  private List<String> path(String id) {
    List<String> out = new ArrayList<>();
    for (String n = id; n != null; n = benchmarks.tree().parentOf(n)) {
      out.add(0, n);
    }
    return out;
  }

  private static Optional<String> stimulusSet(String id) {
    if (id.startsWith("Marques2020_")) {
      try {
        return Optional.of(PropertyBenchmarkDefinition.byId(id).experiment().stimulusSet());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static String stimuliNote(String id) {
    Optional<String> set = stimulusSet(id);
    if (set.isPresent() && MarquesExperiment.TEXTURE_SET.equals(set.get())) {
      return "The texture and spectrally matched noise images of FreemanZiemba2013 come with the imported data "
          + "(they are not generated), so no sample is rendered here.";
    }
    if (set.isPresent()) {
      return null;
    }
    if (id.startsWith("FreemanZiemba2013")) {
      return "The stimuli are FreemanZiemba2013's texture and noise images (imported with the recordings), shown at "
          + "4° in the model's field of view; they are not generated, so no sample is rendered here.";
    }
    return "This benchmark has no generated stimulus set.";
  }

  private static List<Sample> samples(String id) {
    Optional<String> set = stimulusSet(id).filter(s -> !MarquesExperiment.TEXTURE_SET.equals(s));
    if (set.isEmpty()) {
      return List.of();
    }
    GratingStimulusSet stimuli = MarquesStimuli.gratingSet(set.get(), SAMPLE_DEGREES);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < SAMPLES; i++) {
      Grating g = stimuli.gratings().get(sampleIndex(stimuli.size(), i));
      out.add(new Sample("/benchmarks/" + id + "/stimuli/" + i + ".png", String.format(Locale.ROOT,
          "%.2f c/deg, %.0f°, radius %.2f°, phase %.0f°", g.spatialFrequency(), g.orientation(), g.radius(),
          g.phase())));
    }
    return out;
  }

  /** Spread the samples over the set (the sets are ordered with phase fastest, so step by a coprime stride). */
  static int sampleIndex(int size, int i) {
    return (int) ((long) i * (size / SAMPLES) + (i * 37L) % Math.max(1, size / SAMPLES)) % size;
  }

  private static byte[] render(String set, int i) {
    GratingStimulusSet stimuli = MarquesStimuli.gratingSet(set, SAMPLE_DEGREES);
    RgbImage img = stimuli.image(sampleIndex(stimuli.size(), i));
    BufferedImage full = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        full.setRGB(x, y, (img.value(y, x, 0) << 16) | (img.value(y, x, 1) << 8) | img.value(y, x, 2));
      }
    }
    BufferedImage small = new BufferedImage(SAMPLE_PX, SAMPLE_PX, BufferedImage.TYPE_INT_RGB);
    var g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(full, 0, 0, SAMPLE_PX, SAMPLE_PX, null);
    g.dispose();
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ImageIO.write(small, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String licence(BenchmarkInfo info) {
    if (info.id().startsWith("Marques2020_")) {
      return evidence.licence();
    }
    return "as stated by the data's provenance above";
  }

  private static String ceilingHow(BenchmarkInfo info) {
    if (info.id().startsWith("Marques2020_")) {
      return "The ceiling is the same bootstrapped KS similarity with the primate data compared against itself "
          + "(1000 draws of n rows with replacement, NaN rows included); the ceiled score is raw / ceiling, not "
          + "clipped (spec §5.3).";
    }
    if (info.id().startsWith("FreemanZiemba2013")) {
      return "The ceiling is the split-half internal consistency of the recordings: 10 splits of the 20 repetitions, "
          + "Pearson r per neuroid between the halves, Spearman–Brown corrected, median over neuroids, mean over "
          + "splits; the ceiled score follows the benchmark version's normalisation (spec §6.5–6.6).";
    }
    if (ScoreTree.V1.equals(info.parent())) {
      return "See the benchmark's provenance.";
    }
    return info.ceiling() == null ? "No ceiling recorded." : "Ceiling as recorded by the benchmark.";
  }
}
