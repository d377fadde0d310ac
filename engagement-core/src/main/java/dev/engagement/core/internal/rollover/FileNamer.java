package dev.engagement.core.internal.rollover;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rolled letter's file name: every year in the name plus one; everything after the last
 * "Engagement Letter" (any case; a space, underscore or hyphen between the words) dropped; a name
 * with no year gets {@code _updated} before the extension, after that cut, so it is kept. The
 * extension is kept as it is.
 *
 * <p>Thread-safe: stateless.
 */
public final class FileNamer {
  private static final Pattern ENGAGEMENT_LETTER =
      Pattern.compile("(?i)^(.*engagement[ _-]letter)");

  private FileNamer() {}

  /** Returns the new name for a letter's file name. */
  public static String rolledName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String base = dot > 0 ? fileName.substring(0, dot) : fileName;
    String ext = dot > 0 ? fileName.substring(dot) : "";
    List<YearFinder.Candidate> years = YearFinder.yearsInName(base);
    StringBuilder b = new StringBuilder(base);
    for (int i = years.size() - 1; i >= 0; i--) {
      YearFinder.Candidate c = years.get(i);
      b.replace(c.start(), c.end(), Integer.toString(c.year() + 1));
    }
    String name = b.toString();
    Matcher m = ENGAGEMENT_LETTER.matcher(name);
    if (m.find()) {
      name = m.group(1);
    }
    if (years.isEmpty()) {
      name = name + "_updated";
    }
    return name + ext;
  }
}
