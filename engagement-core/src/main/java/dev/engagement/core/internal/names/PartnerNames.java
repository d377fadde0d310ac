package dev.engagement.core.internal.names;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule, shared by the fee sentences and the signature blocks, for when two spellings name the
 * same partner: compared without regard to case, spacing (non-breaking spaces included), curly or
 * straight apostrophes, periods, middle initials ({@code Mike J. Taylor}) and trailing credentials
 * or titles ({@code , CPA}, {@code CPA, MST}, {@code , Partner}). Everything else counts: a
 * different first name, a suffix such as {@code Jr.} or {@code III}, a hyphenated surname.
 *
 * <p>Thread-safe: stateless.
 */
public final class PartnerNames {
  /** Credentials and titles that may follow a name, with or without commas. */
  private static final String CREDENTIAL =
      "(?:cpa|ea|cfp|pfs|mst|cma|cia|cisa|cff|cva|abv|cgma|jd|llm|mba|esq|phd|partner"
          + "|principal|managing partner|shareholder|member|director|president|tax partner)";

  private static final Pattern CREDENTIALS = Pattern.compile("(?:\\s*,?\\s*" + CREDENTIAL + ")*\\s*");
  private static final Pattern TRAILING_CREDENTIALS =
      Pattern.compile("(?:\\s*,?\\s*" + CREDENTIAL + ")+\\s*$");

  private PartnerNames() {}

  /**
   * Returns the text in a canonical form: NFKC (so non-breaking spaces are spaces), curly
   * apostrophes straight, runs of white space one space, trimmed, lower case.
   *
   * @param s the text
   * @return its canonical form
   */
  public static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC)
        .replace('\u2019', '\'')
        .replace('\u2018', '\'')
        .replace('\u02BC', '\'')
        .replaceAll("\\s+", " ")
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the canonical form without periods and without middle initials ({@code mike j
   * taylor} becomes {@code mike taylor}); credentials are kept.
   *
   * @param s the text
   * @return its comparable form
   */
  public static String comparable(String s) {
    String t = normalize(s).replace(".", "");
    t = t.replaceAll("(?<=\\S) [a-z](?= )", "");
    return t.replaceAll("\\s+", " ").strip();
  }

  /**
   * Returns the key that two spellings of one partner share: the comparable form without
   * trailing credentials or titles (a name is never reduced to nothing).
   *
   * @param name a name as written, e.g. {@code Mike J. Taylor, CPA}
   * @return its key, e.g. {@code mike taylor}
   */
  public static String key(String name) {
    String t = comparable(name);
    Matcher m = TRAILING_CREDENTIALS.matcher(t);
    if (m.find() && m.start() > 0) {
      t = t.substring(0, m.start());
    }
    return t.replaceAll("[\\s,]+$", "");
  }

  /**
   * Returns whether a text is only credentials and titles (or nothing), as may follow a name on
   * a signature line.
   *
   * @param comparableText text in {@link #comparable} form
   * @return whether it holds nothing but credentials
   */
  public static boolean isCredentials(String comparableText) {
    return CREDENTIALS.matcher(comparableText).matches();
  }
}
