package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of the README compiles, with the imports it shows, against the
 * examples' test class path (the three library modules and what they bring, plus embedded Tomcat
 * for the Servlet and WebSocket APIs).
 *
 * <p>How a block becomes a class: the {@code import} lines at its top are the file's imports,
 * nothing is added to them (the point is that the README's imports are right). The rest is the
 * body of a method {@code void snippet(...) throws Exception}, or, when it starts with a type
 * declaration (a class, record, interface or enum, annotations allowed), the file's top-level
 * types. An HTML comment on the line before the block (invisible on GitHub) may say more:
 *
 * <ul>
 *   <li>{@code <!-- snippet id=NAME -->} names the block;
 *   <li>{@code <!-- snippet after=NAME -->}: the block reads on from block NAME: it is compiled
 *       with NAME's imports (and its own), and its statements come after NAME's in the same
 *       method, so it may use NAME's variables ({@code batch}...);
 *   <li>{@code <!-- snippet given="TYPE NAME, TYPE NAME" -->}: variables the code around the
 *       block would have (a {@code ServletContext}...), as parameters of the method; the types are
 *       fully qualified, since they are not among the block's imports.
 * </ul>
 * Attributes may be combined: {@code <!-- snippet id=pdf after=rollover -->}.
 */
final class ReadmeSnippetsTest {
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("^(@\\w+(\\([^)]*\\))?\\s+)*((public|final|abstract|sealed)\\s+)*(class|record|interface|enum)\\s.*");

  @TempDir Path classes;

  /** One block turned into a compilation unit. */
  record Unit(String className, String source, int readmeLine) {}

  @Test
  void everyJavaSnippetOfTheReadmeCompiles() throws IOException {
    List<Readme.Block> snippets =
        Readme.blocks(Readme.text()).stream().filter(b -> b.info().equals("java")).toList();
    assertThat(snippets).as("java blocks in the README").hasSizeGreaterThanOrEqualTo(5);

    List<Unit> units = units(snippets);
    assertThat(units).hasSameSizeAs(snippets);
    List<String> errors = compile(units);
    assertThat(errors).as("compiler errors in the README's snippets").isEmpty();
  }

  @Test
  void aSnippetMissingAnImportDoesNotCompile() {
    // the same statement with and without its import: nothing is imported on the snippet's behalf
    Readme.Block withImport =
        new Readme.Block("java", "import dev.engagement.core.spi.SignatureSource;\n\n"
            + "SignatureSource s = SignatureSource.folder(java.nio.file.Path.of(\"signatures\"));\n", 1, "");
    Readme.Block wrongImport =
        new Readme.Block("java", "import dev.engagement.core.*;\n\n"
            + "SignatureSource s = SignatureSource.folder(java.nio.file.Path.of(\"signatures\"));\n", 10, "");
    assertThat(compile(units(List.of(withImport)))).isEmpty();
    assertThat(compile(units(List.of(wrongImport))))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e).startsWith("README line 10 ").contains("cannot find symbol"))
        .anySatisfy(e -> assertThat(e).contains("symbol:   class SignatureSource"));
  }

  @Test
  void aSnippetReadsOnFromTheOneItNamesWithTheVariablesItWasGiven() {
    Readme.Block first =
        new Readme.Block("java", "import java.util.List;\n\nList<String> names = List.of(\"a\");\n", 1, " snippet id=first ");
    Readme.Block next =
        new Readme.Block("java", "int n = names.size() + context.getMajorVersion();\n", 5,
            " snippet after=first given=\"jakarta.servlet.ServletContext context\" ");
    Readme.Block alone = new Readme.Block("java", "int n = names.size();\n", 9, "");
    assertThat(compile(units(List.of(first, next)))).isEmpty();
    assertThat(compile(units(List.of(first, alone))))
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("README line 9 ").contains("symbol:   variable names");
  }

  @Test
  void aSnippetMayDeclareTypes() {
    Readme.Block type =
        new Readme.Block("java", "import java.util.function.Supplier;\n\n"
            + "final class Hello implements Supplier<String> {\n  public String get() { return \"hi\"; }\n}\n", 1, "");
    assertThat(compile(units(List.of(type)))).isEmpty();
  }

  /** Turns each block into a compilation unit, following the snippet comments' attributes. */
  static List<Unit> units(List<Readme.Block> blocks) {
    Map<String, Readme.Block> byId = new HashMap<>();
    for (Readme.Block b : blocks) {
      String id = b.snippetAttributes().get("id");
      if (id != null && byId.put(id, b) != null) {
        throw new IllegalArgumentException("README line " + b.line() + ": a second snippet with id=" + id);
      }
    }
    List<Unit> units = new ArrayList<>();
    for (Readme.Block b : blocks) {
      List<Readme.Block> chain = new ArrayList<>();
      for (Readme.Block at = b; at != null; ) {
        if (chain.contains(at)) {
          throw new IllegalArgumentException("README line " + b.line() + ": snippets read on from each other in a circle");
        }
        chain.add(0, at);
        String after = at.snippetAttributes().get("after");
        if (after != null && !byId.containsKey(after)) {
          throw new IllegalArgumentException("README line " + at.line() + ": no snippet with id=" + after);
        }
        at = after == null ? null : byId.get(after);
      }
      StringBuilder imports = new StringBuilder();
      StringBuilder statements = new StringBuilder();
      StringBuilder types = new StringBuilder();
      for (Readme.Block part : chain) {
        Split split = split(part.code());
        imports.append(split.imports());
        if (split.declaresTypes()) {
          types.append(split.body());
        } else {
          statements.append(split.body());
        }
      }
      String className = "ReadmeSnippetAtLine" + b.line();
      String given = b.snippetAttributes().getOrDefault("given", "");
      String source =
          "package readme;\n\n"
              + imports
              + "\nfinal class " + className + " {\n"
              + (statements.length() == 0 ? ""
                  : "  void snippet(" + given + ") throws Exception {\n" + statements + "  }\n")
              + "}\n"
              + types;
      units.add(new Unit(className, source, b.line()));
    }
    return units;
  }

  private record Split(String imports, String body, boolean declaresTypes) {}

  private static Split split(String code) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    boolean inImports = true;
    for (String line : code.split("\n", -1)) {
      if (inImports && (line.startsWith("import ") || line.isBlank())) {
        if (!line.isBlank()) {
          imports.append(line).append('\n');
        }
        continue;
      }
      inImports = false;
      body.append(line).append('\n');
    }
    String first = body.toString().strip().split("\n", 2)[0];
    return new Split(imports.toString(), body.toString(), TYPE_DECLARATION.matcher(first).matches());
  }

  /** Compiles the units; returns one message per error, naming the README line of the block. */
  List<String> compile(List<Unit> units) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> sources = new ArrayList<>();
    Map<String, Unit> byUri = new HashMap<>();
    for (Unit u : units) {
      JavaFileObject source =
          new SimpleJavaFileObject(URI.create("string:///readme/" + u.className() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return u.source();
            }
          };
      sources.add(source);
      byUri.put(source.toUri().toString(), u);
    }
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> options =
        List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none", "-Xlint:all,-processing,-classfile", "-Werror");
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Boolean ok = javac.getTask(null, files, diagnostics, options, null, sources).call();
      List<String> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
          Unit u = d.getSource() == null ? null : byUri.get(d.getSource().toUri().toString());
          errors.add(
              (u == null ? "" : "README line " + u.readmeLine() + " (generated line " + d.getLineNumber() + "): ")
                  + d.getMessage(Locale.ROOT)
                  + (u == null ? "" : "\n--- generated source ---\n" + u.source()));
        }
      }
      if (!Boolean.TRUE.equals(ok) && errors.isEmpty()) {
        errors.add("javac failed without a diagnostic; class path: " + classPath.replace(File.pathSeparator, "\n"));
      }
      return errors;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
