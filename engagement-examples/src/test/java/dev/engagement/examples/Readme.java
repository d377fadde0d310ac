package dev.engagement.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code README.md} as the tests that keep it true read it: its fenced code
 * blocks and the {@code engagement.jar} commands it tells users to run.
 */
final class Readme {
  /** How the README starts every command of the runnable jar. */
  static final String JAR_COMMAND = "java -jar engagement-examples/target/engagement.jar";

  private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*$");
  private static final Pattern COMMENT = Pattern.compile("^<!--(.*)-->$");
  private static final Pattern INLINE_COMMAND =
      Pattern.compile("`(" + Pattern.quote(JAR_COMMAND) + "[^`]*)`");
  private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

  private Readme() {}

  /**
   * A fenced code block.
   *
   * @param info the info string after the opening fence ({@code java}, {@code sh}, or empty)
   * @param code the lines between the fences, each ended by a line break
   * @param line the README line of the opening fence (1-based)
   * @param comment the text of an HTML comment on the line just before the fence, or empty
   */
  record Block(String info, String code, int line, String comment) {
    /**
     * Returns the {@code key=value} attributes of a {@code <!-- snippet ... -->} comment before
     * the block (quotes around a value are dropped); empty without such a comment.
     */
    Map<String, String> snippetAttributes() {
      Map<String, String> attributes = new LinkedHashMap<>();
      String c = comment.strip();
      if (!c.startsWith("snippet")) {
        return attributes;
      }
      Matcher m = ATTRIBUTE.matcher(c.substring("snippet".length()));
      while (m.find()) {
        String v = m.group(2);
        attributes.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
      }
      return attributes;
    }
  }

  /** Returns the README's path: the system property {@code engagement.readme}, else {@code ../README.md}. */
  static Path path() {
    String p = System.getProperty("engagement.readme");
    return p != null ? Path.of(p) : Path.of("..", "README.md");
  }

  /** Returns the README's text. */
  static String text() throws IOException {
    return Files.readString(path(), StandardCharsets.UTF_8);
  }

  /** Returns every fenced code block of a Markdown text, in order. */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        continue;
      }
      String comment = "";
      for (int j = i - 1; j >= 0; j--) {
        if (!lines[j].isBlank()) {
          Matcher c = COMMENT.matcher(lines[j].strip());
          comment = c.matches() ? c.group(1) : "";
          break;
        }
      }
      StringBuilder code = new StringBuilder();
      int end = i + 1;
      while (end < lines.length && !lines[end].startsWith("```")) {
        code.append(lines[end]).append('\n');
        end++;
      }
      if (end == lines.length) {
        throw new IllegalArgumentException("README line " + (i + 1) + ": a code block is never closed");
      }
      blocks.add(new Block(open.group(1), code.toString(), i + 1, comment));
      i = end;
    }
    return blocks;
  }

  /**
   * Returns the arguments of every {@code engagement.jar} command that the README tells users to
   * run, once each, in order of appearance: those in {@code sh} blocks (from {@code java -jar} to
   * the end of the line, so {@code mvn ... && java -jar ...} counts) and those in inline code
   * spans. The usage synopses (blocks without a language) are not commands to run.
   */
  static List<String> jarCommands(String markdown) {
    Set<String> commands = new LinkedHashSet<>();
    for (Block b : blocks(markdown)) {
      if (!b.info().equals("sh")) {
        continue;
      }
      for (String line : b.code().replace("\\\n", " ").split("\n")) {
        int at = line.indexOf(JAR_COMMAND);
        if (at >= 0) {
          commands.add(arguments(line.substring(at)));
        }
      }
    }
    Matcher m = INLINE_COMMAND.matcher(markdown.replace("\n", " "));
    while (m.find()) {
      commands.add(arguments(m.group(1)));
    }
    return List.copyOf(commands);
  }

  private static String arguments(String command) {
    return command.substring(JAR_COMMAND.length()).strip().replaceAll("\\s+", " ");
  }

  /**
   * Returns, for each command of a usage synopsis in the README (the blocks without a language
   * that start lines with {@code java -jar engagement-examples/target/engagement.jar COMMAND}),
   * the long options it shows.
   */
  static Map<String, Set<String>> synopsisOptions(String markdown) {
    Map<String, Set<String>> options = new LinkedHashMap<>();
    Pattern option = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");
    for (Block b : blocks(markdown)) {
      if (!b.info().isEmpty()) {
        continue;
      }
      Set<String> current = null;
      for (String line : b.code().split("\n")) {
        if (line.startsWith(JAR_COMMAND + " ")) {
          String command = line.substring(JAR_COMMAND.length() + 1).split("\\s+")[0];
          current = options.computeIfAbsent(command, c -> new LinkedHashSet<>());
        }
        if (current != null) {
          Matcher m = option.matcher(line);
          while (m.find()) {
            current.add(m.group());
          }
        }
      }
    }
    return options;
  }
}
