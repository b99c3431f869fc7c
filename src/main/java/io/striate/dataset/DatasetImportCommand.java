package io.striate.dataset;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line for large imports that should not go through HTTP (docs/datasets.md):
 * <pre>
 * java -cp striate.jar -Dloader.main=io.striate.dataset.DatasetImportCommand \
 *     org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --data-dir /var/lib/striate --id movshon.FreemanZiemba2013.public --brainio assembly.nc \
 *     --stimulus-csv stimuli.csv --stimulus-zip stimuli.zip [--region V1] [--window 50,200] [--degrees 4] \
 *     [--sha1-assembly HEX] [--sha1-stimulus-csv HEX] [--sha1-stimulus-zip HEX]
 * </pre>
 * Region, window and degrees default as over HTTP ({@link DatasetStore.ImportParameters#resolve}): the benchmark's
 * definition for its ids, else V1 and 50–200 ms ({@code --degrees} then required). An unknown option is an error.
 * or {@code --open responses.csv} instead of {@code --brainio}. Exit code 0 on success, 2 on a bad file (the stable
 * error code, field and hint are printed), 1 on bad arguments.
 */
public final class DatasetImportCommand {
  private DatasetImportCommand() {
  }

  static final List<String> OPTIONS = List.of("data-dir", "id", "brainio", "open", "stimulus-csv", "stimulus-zip",
      "region", "window", "degrees", "sha1-assembly", "sha1-stimulus-csv", "sha1-stimulus-zip");

  public static void main(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        usage("unexpected argument " + args[i]);
      }
      String name = args[i].substring(2);
      if (!OPTIONS.contains(name)) {
        usage("unknown option --" + name + "; accepted: --" + String.join(", --", OPTIONS));
      }
      a.put(name, args[i + 1]);
    }
    for (String required : new String[] {"data-dir", "id", "stimulus-csv", "stimulus-zip"}) {
      if (!a.containsKey(required)) {
        usage("missing --" + required);
      }
    }
    DatasetStore store = new DatasetStore(Path.of(a.get("data-dir")));
    try {
      Double start = null;
      Double end = null;
      if (a.containsKey("window")) {
        String[] w = a.get("window").split(",");
        if (w.length != 2) {
          usage("--window needs START,END in ms, e.g. 50,200");
        }
        start = number(w[0], "window");
        end = number(w[1], "window");
      }
      Double degrees = a.containsKey("degrees") ? number(a.get("degrees"), "degrees") : null;
      DatasetStore.ImportParameters p = DatasetStore.ImportParameters.resolve(a.get("id"), a.get("region"), start,
          end, degrees);
      DatasetManifest m;
      if (a.containsKey("brainio")) {
        Map<String, String> sums = new HashMap<>();
        putIf(sums, "assembly", a.get("sha1-assembly"));
        putIf(sums, "stimulus_csv", a.get("sha1-stimulus-csv"));
        putIf(sums, "stimulus_zip", a.get("sha1-stimulus-zip"));
        m = store.importBrainIo(new DatasetStore.BrainIoImport(a.get("id"), Path.of(a.get("brainio")),
            Path.of(a.get("stimulus-csv")), Path.of(a.get("stimulus-zip")), p.region(), p.windowStartMs(),
            p.windowEndMs(), p.visualDegrees(), sums), p.sources());
      } else if (a.containsKey("open")) {
        m = store.importOpen(a.get("id"), Path.of(a.get("open")), Path.of(a.get("stimulus-csv")),
            Path.of(a.get("stimulus-zip")), p.region(), p.visualDegrees(), p.sources());
      } else {
        usage("give --brainio assembly.nc or --open responses.csv");
        return;
      }
      System.out.println("imported " + m);
    } catch (DatasetException e) {
      System.err.println(e.code() + " [" + e.field() + "]: " + e.getMessage() + " (hint: " + e.hint() + ")");
      System.exit(2);
    }
  }

  private static Double number(String v, String option) {
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      usage("--" + option + " needs numbers, got " + v);
      return null;
    }
  }

  private static void putIf(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  private static void usage(String why) {
    System.err.println(why + "\nusage: --data-dir DIR --id ID (--brainio assembly.nc | --open responses.csv) "
        + "--stimulus-csv CSV --stimulus-zip ZIP [--region V1] [--degrees 4] [--window 50,200] [--sha1-assembly HEX]");
    System.exit(1);
  }
}
