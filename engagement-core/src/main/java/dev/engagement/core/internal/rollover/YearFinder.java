package dev.engagement.core.internal.rollover;

import dev.engagement.core.internal.docx.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds years in a text: four-digit tokens 2000-2099 that do not touch other digits and are not
 * part of a phone number, ZIP+4 code, money amount, street, suite or box number, extension, or a
 * web or e-mail address. Dates ({@code December 31, 2024}, {@code 12/31/2024}, {@code
 * 2024-12-31}), ranges ({@code 2024-2025}) and labels ({@code FY2024}) are years. Two-digit years
 * ({@code FY24}, {@code '24}, {@code 12/31/24}, {@code 2024-25}) are found separately, to be
 * reported and left alone.
 *
 * <p>Thread-safe: stateless.
 */
public final class YearFinder {

  /** Labels after which a number is a suite, box, unit or extension number, not a year. */
  static final Pattern NUMBER_LABEL =
      Pattern.compile(
          "(?i)(?:(?<![\\p{L}])(?:ext|extn|extension|suite|ste|apt|apartment|unit|room|rm|floor"
              + "|fl|bldg|building|box|lot|pmb|no\\.|nos\\.|number|num\\.)\\.?"
              + "|(?<![^\\s(])x\\.?|#)[\\s\\u00A0]*#?[\\s\\u00A0]*$");

  private static final String STREET_WORD = "(?:[A-Z][A-Za-z'\\u2019.-]*|[0-9]+(?:st|nd|rd|th|ST|ND|RD|TH))";
  private static final String DIRECTION =
      "(?:(?:[NSEW]\\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST|N[EW]|S[EW])[\\s\\u00A0]+)?";

  /** A street name after a house number: full suffixes may stand alone, abbreviations not. */
  private static final Pattern STREET =
      Pattern.compile(
          "^[\\s\\u00A0]+"
              + DIRECTION
              + "(?:(?:"
              + STREET_WORD
              + "[\\s\\u00A0]+){0,3}(?i:Street|Avenue|Road|Boulevard|Drive|Lane|Way|Court|Place"
              + "|Parkway|Highway|Circle|Terrace|Trail|Square|Plaza|Route|Pike|Alley|Crossing"
              + "|Loop|Expressway|Freeway|Turnpike)\\b"
              + "|(?:"
              + STREET_WORD
              + "[\\s\\u00A0]+){1,3}(?i:St|Ave|Rd|Blvd|Dr|Ln|Ct|Pl|Pkwy|Hwy|Cir|Ter|Trl|Sq|Plz"
              + "|Rte)\\b)");

  static final Pattern TWO_DIGIT =
      Pattern.compile(
          "(?<![0-9])(20[0-9]{2})[-\\u2013/]([0-9]{2})(?![0-9]|[-/.][0-9])"
              + "|(?<![\\p{L}0-9])(?:FY|Fy|fy|TY|CY)[\\s\\u00A0]?'?([0-9]{2})(?![0-9])"
              + "|(?<![\\p{L}0-9'\\u2019])['\\u2019]([0-9]{2})(?![0-9]|['\\u2019])"
              + "|(?<![0-9/])[0-9]{1,2}/[0-9]{1,2}/([0-9]{2})(?![0-9/])");

  private YearFinder() {}

  /** What a four-digit candidate turned out to be. */
  public enum Kind {
    /** A year. */
    YEAR,
    /** The four-digit part of a range with a two-digit year, such as 2024-25. */
    TWO_DIGIT_RANGE,
    /** Part of a web or e-mail address. */
    ADDRESS_LINK,
    /** Not a year at all: phone, ZIP+4, money, street, suite or box number, extension. */
    NOT_A_YEAR
  }

  /**
   * A four-digit candidate.
   *
   * @param start its offset
   * @param end the offset after it
   * @param year its value
   * @param kind what it is
   * @param reason why it is not a year (for {@link Kind#NOT_A_YEAR}), else null
   */
  public record Candidate(int start, int end, int year, Kind kind, @Nullable String reason) {}

  /**
   * A two-digit year.
   *
   * @param start the offset where the expression holding it starts
   * @param end the offset after that expression
   * @param text the expression, e.g. {@code FY24} or {@code 2024-25}
   */
  public record TwoDigitYear(int start, int end, String text) {}

  /** Returns every four-digit candidate 2000-2099 in the text, classified. */
  public static List<Candidate> candidates(String text) {
    List<Candidate> out = new ArrayList<>();
    for (int s = nextCandidate(text, 0); s >= 0; s = nextCandidate(text, s + 4)) {
      int e = s + 4;
      String why = notAYear(text, s, e);
      Kind kind = why != null ? Kind.NOT_A_YEAR : classify(text, s, e);
      out.add(new Candidate(s, e, year(text, s), kind, why));
    }
    return out;
  }

  /**
   * Returns the start of the next {@code 20dd} at or after {@code from} that touches no other
   * digit, or -1: what the pattern {@code (?<![0-9])20[0-9]{2}(?![0-9])} finds, without a regex
   * (every paragraph of every letter is searched; most have no year at all).
   */
  private static int nextCandidate(String t, int from) {
    for (int i = t.indexOf("20", from); i >= 0; i = t.indexOf("20", i + 1)) {
      if (isDigit(t, i + 2) && isDigit(t, i + 3) && !isDigit(t, i - 1) && !isDigit(t, i + 4)) {
        return i;
      }
    }
    return -1;
  }

  private static int year(String t, int s) {
    return 2000 + (t.charAt(s + 2) - '0') * 10 + (t.charAt(s + 3) - '0');
  }

  /** Returns the years only (candidates of kind {@link Kind#YEAR}). */
  public static List<Candidate> years(String text) {
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : candidates(text)) {
      if (c.kind() == Kind.YEAR) {
        out.add(c);
      }
    }
    return out;
  }

  /** Returns the two-digit years in the text. */
  public static List<TwoDigitYear> twoDigitYears(String text) {
    List<TwoDigitYear> out = new ArrayList<>();
    if (!mayHaveTwoDigitYear(text)) {
      return out;
    }
    Matcher m = TWO_DIGIT.matcher(text);
    while (m.find()) {
      out.add(new TwoDigitYear(m.start(), m.end(), m.group()));
    }
    return out;
  }

  /** Returns the years in a file name: every four-digit 20xx token not touching digits. */
  public static List<Candidate> yearsInName(String name) {
    List<Candidate> out = new ArrayList<>();
    for (int s = nextCandidate(name, 0); s >= 0; s = nextCandidate(name, s + 4)) {
      out.add(new Candidate(s, s + 4, year(name, s), Kind.YEAR, null));
    }
    return out;
  }

  /**
   * Returns false when none of the two-digit forms can be in the text, so the pattern need not
   * run (most paragraphs, even those with dates, have none): each form ends with two digits
   * that no digit follows, right after a '-', '\u2013', '/' (after {@code 20dd} or in a date),
   * an apostrophe, or a {@code Y}/{@code y} (FY, TY, CY), possibly with a space or an apostrophe
   * between.
   */
  static boolean mayHaveTwoDigitYear(String t) {
    for (int i = 2; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9' || !isDigit(t, i - 1) || isDigit(t, i + 1)) {
        continue;
      }
      char b = t.charAt(i - 2);
      if (b == '-' || b == '\u2013' || b == '/' || b == '\'' || b == '\u2019' || b == 'Y' || b == 'y') {
        return true;
      }
      if ((Character.isWhitespace(b) || b == '\u00A0') && i >= 3) {
        char a = t.charAt(i - 3);
        if (a == 'Y' || a == 'y') {
          return true;
        }
      }
    }
    return false;
  }

  static Kind classify(String t, int s, int e) {
    if (isTwoDigitRange(t, e)) {
      return Kind.TWO_DIGIT_RANGE;
    }
    if (inLink(t, s, e)) {
      return Kind.ADDRESS_LINK;
    }
    return Kind.YEAR;
  }

  /** Returns why a candidate is not a year, or null if it may be one. */
  static @Nullable String notAYear(String t, int s, int e) {
    if (isTwoDigitRange(t, e) || inLink(t, s, e)) {
      return null;
    }
    if (isMoney(t, s, e)) {
      return "a money amount";
    }
    if (isPhone(t, s)) {
      return "part of a phone number";
    }
    if (isZipPlus4(t, s)) {
      return "part of a ZIP+4 code";
    }
    if (hasNumberLabel(t, s)) {
      return "a suite, box, unit or extension number";
    }
    if (addressPosition(t, s) && STREET.matcher(t).region(e, Math.min(t.length(), e + 80)).lookingAt()) {
      return "a street number";
    }
    return null;
  }

  /**
   * Returns whether a number sits where an address line starts: at the start of the text or of a
   * line, after a comma, semicolon, colon, tab or parenthesis, or after "at", "to" or "from".
   */
  private static boolean addressPosition(String t, int s) {
    int p = s - 1;
    while (p >= 0 && isBlank(t.charAt(p))) {
      p--;
    }
    if (p < 0) {
      return true;
    }
    char c = t.charAt(p);
    if ("\n\t,;:(\u2022".indexOf(c) >= 0) {
      return true;
    }
    int w = p;
    while (w >= 0 && Character.isLetter(t.charAt(w))) {
      w--;
    }
    String word = t.substring(w + 1, p + 1).toLowerCase(java.util.Locale.ROOT);
    return word.equals("at") || word.equals("to") || word.equals("from");
  }

  private static boolean isTwoDigitRange(String t, int e) {
    if (e + 3 > t.length()) {
      return false;
    }
    char sep = t.charAt(e);
    boolean date =
        e + 4 < t.length() && "-/.".indexOf(t.charAt(e + 3)) >= 0 && isDigit(t, e + 4);
    return (sep == '-' || sep == '\u2013' || sep == '/')
        && isDigit(t, e + 1)
        && isDigit(t, e + 2)
        && !isDigit(t, e + 3)
        && !date;
  }

  private static boolean isMoney(String t, int s, int e) {
    int p = s - 1;
    while (p >= 0 && isBlank(t.charAt(p))) {
      p--;
    }
    if (p >= 0 && "$\u20AC\u00A3\u00A5".indexOf(t.charAt(p)) >= 0) {
      return true;
    }
    // 2024,500 (thousands) or 2024.50 (cents)
    if (e < t.length() && t.charAt(e) == ',' && isDigit(t, e + 1) && isDigit(t, e + 2)
        && isDigit(t, e + 3) && !isDigit(t, e + 4)) {
      return true;
    }
    return e < t.length()
        && t.charAt(e) == '.'
        && isDigit(t, e + 1)
        && isDigit(t, e + 2)
        && !isDigit(t, e + 3)
        && !(e + 3 < t.length() && t.charAt(e + 3) == '.' && isDigit(t, e + 4));
  }

  private static boolean isPhone(String t, int s) {
    if (s < 4) {
      return false;
    }
    char sep = t.charAt(s - 1);
    boolean threeBefore = isDigit(t, s - 2) && isDigit(t, s - 3) && isDigit(t, s - 4);
    if ((sep == '-' || sep == '.') && threeBefore && !isDigit(t, s - 5)) {
      return true; // 555-2024, 555-123-2024, 555.123.2024
    }
    if ((sep == ' ' || sep == '\u00A0') && threeBefore && !isDigit(t, s - 5) && s >= 5) {
      // 555 123 2024 or (555) 123 2024: needs the area code group too
      char sep2 = t.charAt(s - 5);
      int a = s - 6;
      if (sep2 == ' ' || sep2 == '\u00A0' || sep2 == '-' || sep2 == '.') {
        if (a >= 0 && t.charAt(a) == ')') {
          return a >= 4 && t.charAt(a - 4) == '(' && isDigit(t, a - 1) && isDigit(t, a - 2)
              && isDigit(t, a - 3);
        }
        return isDigit(t, a) && isDigit(t, a - 1) && isDigit(t, a - 2) && !isDigit(t, a - 3);
      }
      if (sep2 == ')') {
        return s >= 9 && t.charAt(s - 9) == '(';
      }
    }
    // 123-45-2024 (social security number shape)
    return sep == '-'
        && isDigit(t, s - 2)
        && isDigit(t, s - 3)
        && s >= 8
        && t.charAt(s - 4) == '-'
        && isDigit(t, s - 5)
        && isDigit(t, s - 6)
        && isDigit(t, s - 7)
        && !isDigit(t, s - 8);
  }

  private static boolean isZipPlus4(String t, int s) {
    return s >= 6
        && t.charAt(s - 1) == '-'
        && isDigit(t, s - 2)
        && isDigit(t, s - 3)
        && isDigit(t, s - 4)
        && isDigit(t, s - 5)
        && isDigit(t, s - 6)
        && !isDigit(t, s - 7);
  }

  static boolean hasNumberLabel(String t, int s) {
    // the label ends right before the number, only blanks and a '#' between: unless the last
    // other character is a letter, a '.' or a '#', the pattern cannot match (most years follow
    // a comma, a digit or a space after a word that is not a label)
    int j = s - 1;
    while (j >= 0 && (Character.isWhitespace(t.charAt(j)) || t.charAt(j) == '\u00A0')) {
      j--;
    }
    if (j < 0 || !(Character.isLetter(t.charAt(j)) || t.charAt(j) == '.' || t.charAt(j) == '#')) {
      return false;
    }
    int from = Math.max(0, s - 24);
    return NUMBER_LABEL.matcher(t).region(from, s).find();
  }

  private static boolean inLink(String t, int s, int e) {
    int a = s;
    while (a > 0 && !Character.isWhitespace(t.charAt(a - 1)) && t.charAt(a - 1) != '\u00A0') {
      a--;
    }
    int b = e;
    while (b < t.length() && !Character.isWhitespace(t.charAt(b)) && t.charAt(b) != '\u00A0') {
      b++;
    }
    String token = t.substring(a, b);
    return token.contains("://")
        || token.regionMatches(true, 0, "www.", 0, 4)
        || (token.indexOf('@') > 0 && token.indexOf('.', token.indexOf('@')) > 0);
  }

  private static boolean isDigit(String t, int i) {
    if (i < 0 || i >= t.length()) {
      return false;
    }
    char c = t.charAt(i);
    return c >= '0' && c <= '9';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u202F';
  }

  /** Returns the text around an offset range, for reports: up to 30 characters each side. */
  public static String context(String text, int start, int end) {
    int a = Math.max(0, start - 30);
    int b = Math.min(text.length(), end + 30);
    if (a > 0 && Character.isLowSurrogate(text.charAt(a))) {
      a--;
    }
    if (b < text.length() && Character.isLowSurrogate(text.charAt(b))) {
      b++;
    }
    String s = Paragraph.display(text.substring(a, b)).replace('\n', ' ').replace('\t', ' ').strip();
    return (a > 0 ? "\u2026" : "") + s + (b < text.length() ? "\u2026" : "");
  }
}
