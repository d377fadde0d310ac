package dev.engagement.core.internal.entities;

import dev.engagement.core.Entity;
import dev.engagement.core.LetterEntities;
import dev.engagement.core.internal.docx.Paragraph;
import dev.engagement.core.internal.docx.StoryText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the client's address and the "Name of Entity / Type of Return" rows in the body of a
 * letter, over the same text model as rollover. Lines are paragraphs and their line breaks
 * (address blocks are often one paragraph with Shift+Enter breaks); a table row is one line with
 * its cells as columns. The legacy copy of text boxes ({@code mc:Fallback}) is not read twice.
 *
 * <p>The address is the {@code City, ST 12345} line (ZIP+4 too, comma optional, non-breaking
 * spaces and all caps tolerated) with the street line(s) above it (numbers, P.O. Box, Suite...;
 * "c/o" and "Attn:" lines end the block). The firm's own address does not win: city lines that
 * also appear in a header or footer are ignored, and a block followed by the salutation ("Dear
 * ...") is preferred to one earlier in the letterhead.
 *
 * <p>Thread-safe: stateless.
 */
public final class EntityExtractor {
  private static final Pattern CITY =
      Pattern.compile(
          "^(?<city>\\p{L}[\\p{L} .'\\u2019-]*?)\\s*,?\\s+(?<state>[A-Z]{2})\\.?\\s+"
              + "(?<zip>[0-9]{5}(?:\\s*-\\s*[0-9]{4})?)$");
  private static final Pattern STREET =
      Pattern.compile(
          "(?i)^(?:[0-9]+[a-z]?(?:[-/][0-9a-z]+)?\\s+\\S"
              + "|p\\.?\\s*o\\.?\\s*box\\b|post\\s+office\\s+box\\b|box\\s+[0-9]"
              + "|(?:suite|ste\\.?|apt\\.?|apartment|unit|floor|fl\\.?|bldg\\.?|building|room|rm\\.?)\\s*#?\\s*[0-9a-z]"
              + "|#\\s*[0-9]"
              + "|(?:rr|r\\.r\\.|rural\\s+route|hc|star\\s+route)\\s*[0-9]"
              + "|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)\\s+\\S+.*\\b"
              + "(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl"
              + "|parkway|pkwy|plaza|square|center|centre)\\b)");
  private static final Pattern SALUTATION =
      Pattern.compile(
          "(?i)^(?:dear\\b|ladies\\s+and\\s+gentlemen|to\\s+whom\\s+it\\s+may\\s+concern|re\\s*:"
              + "|subject\\s*:|hello\\b|greetings\\b)");
  private static final Pattern COLUMNS = Pattern.compile("\\t+|[ \\u00A0]{2,}");
  /** USPS codes of the states, DC, territories and military post offices. */
  private static final Set<String> STATES =
      Set.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
          "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
          "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
          "VA", "WA", "WV", "WI", "WY", "DC", "PR", "VI", "GU", "AS", "MP", "AA", "AE", "AP");

  /** Lower-case words that may appear inside a city's name. */
  private static final Set<String> CITY_PARTICLES =
      Set.of("de", "del", "la", "las", "los", "le", "du", "da", "di", "van", "von", "of", "on", "upon", "the");

  private static final int STREET_LINES = 3;
  private static final int SALUTATION_WITHIN = 12;

  private EntityExtractor() {}

  /**
   * Extracts from a letter.
   *
   * @param body the main document's text
   * @param headersAndFooters the text of every header and footer (the firm's letterhead)
   */
  public static LetterEntities extract(StoryText body, List<StoryText> headersAndFooters) {
    Set<String> firmCities = new HashSet<>();
    for (StoryText s : headersAndFooters) {
      for (String line : lines(s)) {
        Matcher m = CITY.matcher(normalize(line));
        if (m.matches() && plausibleCity(m)) {
          firmCities.add(cityLine(m));
        }
      }
    }
    return new LetterEntities(address(lines(body), firmCities), entities(rows(body)));
  }

  /** Every paragraph's lines, in order, without the legacy copy of text boxes. */
  static List<String> lines(StoryText story) {
    List<String> out = new ArrayList<>();
    for (Paragraph p : story.paragraphs()) {
      if (p.inFallback()) {
        continue;
      }
      for (String line : p.displayText().split("\n", -1)) {
        out.add(line);
      }
    }
    return out;
  }

  static @Nullable String address(List<String> lines, Set<String> firmCities) {
    List<String> norm = new ArrayList<>(lines.size());
    for (String l : lines) {
      norm.add(normalize(l));
    }
    String first = null;
    for (int i = 0; i < norm.size(); i++) {
      Matcher m = CITY.matcher(norm.get(i));
      if (!m.matches() || !plausibleCity(m)) {
        continue;
      }
      String city = cityLine(m);
      if (firmCities.contains(city)) {
        continue;
      }
      List<String> street = new ArrayList<>();
      for (int j = i - 1; j >= 0 && street.size() < STREET_LINES; j--) {
        String l = norm.get(j);
        if (l.isEmpty() || !STREET.matcher(l).find()) {
          break;
        }
        street.add(0, l);
      }
      if (street.isEmpty() && i > 0 && !norm.get(i - 1).isEmpty()
          && !SALUTATION.matcher(norm.get(i - 1)).find()) {
        street.add(norm.get(i - 1));
      }
      if (street.isEmpty()) {
        continue;
      }
      String address = String.join("\n", street) + "\n" + city;
      if (followedBySalutation(norm, i)) {
        return address;
      }
      if (first == null) {
        first = address;
      }
    }
    return first;
  }

  private static boolean followedBySalutation(List<String> norm, int cityIndex) {
    int seen = 0;
    for (int k = cityIndex + 1; k < norm.size() && seen < SALUTATION_WITHIN; k++) {
      String l = norm.get(k);
      if (l.isEmpty()) {
        continue;
      }
      if (SALUTATION.matcher(l).find()) {
        return true;
      }
      Matcher m = CITY.matcher(l);
      if (m.matches() && plausibleCity(m)) {
        return false;
      }
      seen++;
    }
    return false;
  }

  /** A known state code, and a city whose words are capitalized (or particles like "de"). */
  private static boolean plausibleCity(Matcher m) {
    if (!STATES.contains(m.group("state"))) {
      return false;
    }
    for (String word : m.group("city").strip().split("[ -]+")) {
      if (word.isEmpty()) {
        continue;
      }
      char c = word.charAt(0);
      if (!Character.isUpperCase(c) && !CITY_PARTICLES.contains(word) && !word.startsWith("d'")) {
        return false;
      }
    }
    return true;
  }

  private static String cityLine(Matcher m) {
    String zip = m.group("zip").replaceAll("\\s", "");
    return m.group("city").strip() + ", " + m.group("state") + " " + zip;
  }

  /** Non-breaking spaces and tabs as spaces, runs of spaces as one, trimmed. */
  static String normalize(String line) {
    return line.replace('\u00A0', ' ').replace('\u202F', ' ').replace('\t', ' ')
        .replaceAll(" {2,}", " ").strip();
  }

  /**
   * A line for the entity list: its columns (cells of a table row, or the parts of a paragraph
   * split at tabs or two or more spaces).
   */
  record Row(List<String> columns, String text) {
    boolean empty() {
      for (String c : columns) {
        if (!c.isBlank()) {
          return false;
        }
      }
      return true;
    }
  }

  /** The body as rows: paragraph lines, and each table row as one line of cells. */
  static List<Row> rows(StoryText body) {
    Map<Integer, TreeMap<Integer, StringBuilder>> tableRows = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (Paragraph p : body.paragraphs()) {
      if (p.inFallback()) {
        continue;
      }
      String text = p.displayText();
      if (p.row() < 0) {
        for (String line : text.split("\n", -1)) {
          order.add(line);
        }
        continue;
      }
      TreeMap<Integer, StringBuilder> cells = tableRows.get(p.row());
      if (cells == null) {
        cells = new TreeMap<>();
        tableRows.put(p.row(), cells);
        order.add(p.row());
      }
      StringBuilder cell = cells.computeIfAbsent(p.cell(), k -> new StringBuilder());
      String t = normalize(text.replace('\n', ' '));
      if (!t.isEmpty()) {
        if (cell.length() > 0) {
          cell.append(' ');
        }
        cell.append(t);
      }
    }
    List<Row> out = new ArrayList<>();
    for (Object o : order) {
      if (o instanceof String) {
        String line = ((String) o).replace('\u00A0', ' ').strip();
        List<String> cols = new ArrayList<>();
        if (!line.isEmpty()) {
          for (String c : COLUMNS.split(line)) {
            cols.add(c.strip());
          }
        }
        out.add(new Row(cols, line));
      } else {
        TreeMap<Integer, StringBuilder> cells = tableRows.get((Integer) o);
        List<String> cols = new ArrayList<>();
        int next = 0;
        for (Map.Entry<Integer, StringBuilder> e : cells.entrySet()) {
          while (next < e.getKey()) {
            cols.add("");
            next++;
          }
          cols.add(e.getValue().toString());
          next++;
        }
        out.add(new Row(cols, String.join("\t", cols)));
      }
    }
    return out;
  }

  private static List<String> trimTrailingEmpty(List<String> columns) {
    int n = columns.size();
    while (n > 0 && columns.get(n - 1).isBlank()) {
      n--;
    }
    return columns.subList(0, n);
  }

  static List<Entity> entities(List<Row> rows) {
    int header = -1;
    for (int i = 0; i < rows.size(); i++) {
      String t = rows.get(i).text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (t.contains("name of entity") && t.contains("type of return")) {
        header = i;
        break;
      }
    }
    List<Entity> out = new ArrayList<>();
    if (header < 0) {
      return out;
    }
    List<String> head = trimTrailingEmpty(rows.get(header).columns());
    int nameCol = column(head, "name of entity");
    int typeCol = column(head, "type of return");
    boolean positional = nameCol < 0 || typeCol < 0 || nameCol == typeCol;
    for (int i = header + 1; i < rows.size(); i++) {
      Row r = rows.get(i);
      if (r.empty()) {
        if (out.isEmpty()) {
          continue;
        }
        break;
      }
      List<String> c = trimTrailingEmpty(r.columns());
      Entity e;
      if (!positional && c.size() == head.size()) {
        e = new Entity(c.get(nameCol), c.get(typeCol));
      } else if (c.size() == 2) {
        e = new Entity(c.get(0), c.get(1));
      } else {
        break;
      }
      out.add(e);
    }
    return out;
  }

  private static int column(List<String> head, String phrase) {
    for (int i = 0; i < head.size(); i++) {
      if (head.get(i).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").contains(phrase)) {
        return i;
      }
    }
    return -1;
  }
}
