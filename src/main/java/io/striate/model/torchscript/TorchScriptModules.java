package io.striate.model.torchscript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The classes a TorchScript archive is built from, read from the zip without running anything: {@code torch.jit.save}
 * writes every class as Python-like source under {@code <root>/code/__torch__/**.py} (file path = module path, e.g.
 * {@code code/__torch__/torch/nn/modules/conv.py} holds {@code __torch__.torch.nn.modules.conv.Conv2d}), and
 * {@code <root>/data.pkl} pickles the module tree, whose first global is the root module's class. Of each class the
 * reader keeps its own parameters and buffers ({@code __parameters__}, {@code __buffers__}), its attributes of class
 * type (submodules: {@code conv1 : __torch__....Conv2d}, {@code __annotations__["0"] = ...}), its {@code Final}
 * constants ({@code groups : Final[int] = 1}) and the operators and functions its methods call ({@code torch.add},
 * {@code ops.aten.x}, {@code __torch__.torch.nn.functional.relu}), so a caller can tell a pure container (calls only its
 * submodules) from a class that computes something itself.
 */
public final class TorchScriptModules {
  private static final Pattern CLASS = Pattern.compile("^class (\\w+)\\((\\w+)\\):");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern ATTRIBUTE = Pattern.compile("^  (\\w+) : (__torch__\\.[\\w.]+)\\s*$");
  private static final Pattern ANNOTATION = Pattern.compile("^  __annotations__\\[\"([^\"]+)\"] = (__torch__\\.[\\w.]+)");
  private static final Pattern CONSTANT = Pattern.compile("^  (\\w+) : Final\\[.*?] = (.+)$");
  private static final Pattern CALLED = Pattern.compile("(?<![\\w.])((?:torch|ops|__torch__)\\.[A-Za-z_][\\w.]*)");
  private static final Pattern MANGLE = Pattern.compile("\\.___torch_mangle_\\d+");
  private static final Pattern ROOT_GLOBAL = Pattern.compile("c(__torch__[\\w.]*)\n(\\w+)\n");

  private TorchScriptModules() {
  }

  /**
   * One class of the archive.
   *
   * @param qualifiedName e.g. {@code __torch__.torch.nn.modules.conv.___torch_mangle_1.Conv2d} (as the archive spells
   *                      it; {@link #name()} drops the mangling)
   * @param module        whether it derives from {@code Module} (script classes do not)
   * @param parameters    its own parameters (not its submodules')
   * @param buffers       its own buffers
   * @param submodules    attribute name → qualified class name of every class-typed attribute, in source order
   * @param constants     {@code Final} attribute → its value as written ({@code (1, 1)}, {@code "zeros"}, {@code 1})
   * @param calls         operators and functions its methods call, sorted ({@code torch.add}, ...)
   */
  public record ScriptClass(String qualifiedName, boolean module, List<String> parameters, List<String> buffers,
                            Map<String, String> submodules, Map<String, String> constants, List<String> calls) {
    public ScriptClass {
      parameters = List.copyOf(parameters);
      buffers = List.copyOf(buffers);
      submodules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(submodules));
      constants = Map.copyOf(constants);
      calls = List.copyOf(calls);
    }

    /** The qualified name without TorchScript's {@code ___torch_mangle_N} segments. */
    public String name() {
      return demangle(qualifiedName);
    }

    /** The class name alone, e.g. {@code Conv2d}. */
    public String simpleName() {
      return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    /** The demangled module path, e.g. {@code __torch__.torch.nn.modules.conv}. */
    public String modulePath() {
      String n = name();
      int dot = n.lastIndexOf('.');
      return dot < 0 ? "" : n.substring(0, dot);
    }

    /** A module without parameters or buffers of its own whose methods call nothing but its submodules. */
    public boolean pureContainer() {
      return module && parameters.isEmpty() && buffers.isEmpty() && calls.isEmpty();
    }
  }

  /**
   * The classes of one archive.
   *
   * @param root    qualified class name of the root module (the first global of {@code data.pkl})
   * @param classes qualified class name → class, for every class in {@code code/}
   */
  public record Archive(String root, Map<String, ScriptClass> classes) {
    public Archive {
      classes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    public Optional<ScriptClass> find(String qualifiedName) {
      return Optional.ofNullable(classes.get(qualifiedName));
    }
  }

  /** {@code name} without {@code ___torch_mangle_N} segments. */
  public static String demangle(String name) {
    return MANGLE.matcher(name).replaceAll("");
  }

  /** Most code read from one archive (a hostile archive can hold any number of code files); more is not inspected. */
  static final long MAX_CODE_CHARS = 32L << 20;

  /**
   * Reads the classes of {@code archive}.
   *
   * @throws IOException when the file is not a readable zip, has no {@code data.pkl} naming a root class, or holds more
   *                     than {@link #MAX_CODE_CHARS} characters of code
   */
  public static Archive read(Path archive) throws IOException {
    Map<String, ScriptClass> classes = new LinkedHashMap<>();
    String root = null;
    long read = 0;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (var entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        int code = name.indexOf("/code/__torch__");
        if (code >= 0 && name.endsWith(".py") && !e.isDirectory()) {
          String module = name.substring(code + "/code/".length(), name.length() - ".py".length()).replace('/', '.');
          String text = text(zip, e);
          read += text.length();
          if (read > MAX_CODE_CHARS) {
            throw new IOException("more than " + MAX_CODE_CHARS + " characters of code: not inspected");
          }
          parse(module, text, classes);
        } else if ((name.endsWith("/data.pkl") && name.indexOf('/') == name.lastIndexOf('/')) && root == null) {
          root = rootClass(zip, e);
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IOException("not a zip archive: " + e.getMessage(), e);
    }
    if (root == null) throw new IOException("no data.pkl with a __torch__ root class");
    return new Archive(root, classes);
  }

  private static String text(ZipFile zip, ZipEntry e) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readNBytes(4 << 20), StandardCharsets.UTF_8);
    }
  }

  /** The first {@code GLOBAL} opcode of the pickle naming a {@code __torch__} class: the root module. */
  private static String rootClass(ZipFile zip, ZipEntry e) throws IOException {
    try (InputStream in = zip.getInputStream(e)) {
      String head = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
      Matcher m = ROOT_GLOBAL.matcher(head);
      return m.find() ? m.group(1) + "." + m.group(2) : null;
    }
  }

  private static void parse(String module, String source, Map<String, ScriptClass> out) {
    Builder current = null;
    boolean inSignature = false;
    for (String line : source.split("\n", -1)) {
      Matcher c = CLASS.matcher(line);
      if (c.find()) {
        if (current != null) out.put(current.name, current.build());
        current = new Builder(module + "." + c.group(1), c.group(2).equals("Module"));
        continue;
      }
      if (!line.startsWith(" ") && !line.isBlank()) { // a top-level function or statement ends the class
        if (current != null) out.put(current.name, current.build());
        current = null;
        continue;
      }
      if (current == null) continue;
      if (line.startsWith("  def ")) {
        inSignature = !line.stripTrailing().endsWith(":");
        continue;
      }
      if (line.startsWith("    ")) {
        if (inSignature) {
          inSignature = !line.stripTrailing().endsWith(":");
        } else {
          Matcher called = CALLED.matcher(line);
          while (called.find()) current.calls.add(called.group(1));
        }
        continue;
      }
      current.member(line);
    }
    if (current != null) out.put(current.name, current.build());
  }

  private static final class Builder {
    final String name;
    final boolean module;
    final List<String> parameters = new ArrayList<>();
    final List<String> buffers = new ArrayList<>();
    final Map<String, String> submodules = new LinkedHashMap<>();
    final Map<String, String> constants = new LinkedHashMap<>();
    final TreeSet<String> calls = new TreeSet<>();

    Builder(String name, boolean module) {
      this.name = name;
      this.module = module;
    }

    void member(String line) {
      if (line.startsWith("  __parameters__ = ")) {
        quoted(line, parameters);
      } else if (line.startsWith("  __buffers__ = ")) {
        quoted(line, buffers);
      } else {
        Matcher a = ATTRIBUTE.matcher(line);
        Matcher n = ANNOTATION.matcher(line);
        Matcher k = CONSTANT.matcher(line);
        if (a.find()) {
          submodules.put(a.group(1), a.group(2));
        } else if (n.find()) {
          submodules.put(n.group(1), n.group(2));
        } else if (k.find()) {
          constants.put(k.group(1), k.group(2).strip());
        }
      }
    }

    private static void quoted(String line, List<String> into) {
      Matcher q = QUOTED.matcher(line);
      while (q.find()) into.add(q.group(1));
    }

    ScriptClass build() {
      return new ScriptClass(name, module, parameters, buffers, submodules, constants, new ArrayList<>(calls));
    }
  }
}
