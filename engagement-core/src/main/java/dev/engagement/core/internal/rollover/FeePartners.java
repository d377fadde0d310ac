package dev.engagement.core.internal.rollover;

import dev.engagement.core.PartnerRate;
import dev.engagement.core.internal.names.PartnerNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partner list of a fee sentence read as {@code Name–$rate} entries ({@code Mike Taylor–$250,
 * Bob Maurer–$250}), and whether it names the same partners as the settings.
 *
 * <p>A list reads when it is nothing but entries: a name, a dash (en or em dash, hyphen or minus,
 * spaces allowed around it), a dollar amount; entries are separated by commas or semicolons, with
 * or without "and"/"&amp;". Anything else (a shared rate, "per hour" after an amount) makes the
 * list unreadable, and an unreadable list is never taken for the settings' partners.
 *
 * <p>Two lists name the same partners when each partner of one is exactly one partner of the
 * other, in any order, by {@link PartnerNames#key}: case, spacing, non-breaking spaces, curly
 * apostrophes, periods, middle initials and credentials such as ", CPA" do not count.
 *
 * <p>Thread-safe: stateless.
 */
final class FeePartners {
  private static final String SP = "[^\\S\\n]*";
  private static final Pattern RATE =
      Pattern.compile(
          "(?U)" + SP + "[-\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212]" + SP
              + "(?<rate>\\$" + SP + "[0-9]+(?:,[0-9]{3})*(?:\\.[0-9]+)?)");
  private static final Pattern SEPARATOR = Pattern.compile("(?U)^[\\s,;]*(?:(?:and|&)\\s+)?");
  private static final Pattern TRAILER = Pattern.compile("(?U)[\\s.]*$");

  private FeePartners() {}

  /**
   * A partner in a letter's list.
   *
   * @param name the name as written (credentials included)
   * @param rateStart where the amount ({@code $250}) starts in the whole text
   * @param rateEnd where it ends
   */
  record Entry(String name, int rateStart, int rateEnd) {}

  /**
   * Reads the partner list in {@code text[from, to)}.
   *
   * @return the entries, or empty if the list is not a list of {@code Name–$rate} entries
   */
  static Optional<List<Entry>> read(String text, int from, int to) {
    Matcher trailer = TRAILER.matcher(text).region(from, to);
    int end = trailer.find() ? trailer.start() : to;
    Matcher m = RATE.matcher(text).region(from, end);
    List<Entry> out = new ArrayList<>();
    int previous = from;
    while (m.find()) {
      String name = SEPARATOR.matcher(text.substring(previous, m.start())).replaceFirst("").strip();
      if (name.isEmpty()) {
        return Optional.empty();
      }
      out.add(new Entry(name, m.start("rate"), m.end("rate")));
      previous = m.end();
    }
    if (out.isEmpty() || !text.substring(previous, end).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(List.copyOf(out));
  }

  /** Returns whether the letter's entries name exactly the settings' partners, in any order. */
  static boolean samePartners(List<Entry> letter, List<PartnerRate> settings) {
    if (letter.size() != settings.size()) {
      return false;
    }
    List<String> a = new ArrayList<>();
    for (Entry e : letter) {
      a.add(PartnerNames.key(e.name()));
    }
    List<String> b = new ArrayList<>();
    for (PartnerRate p : settings) {
      b.add(PartnerNames.key(p.name()));
    }
    a.sort(null);
    b.sort(null);
    return a.equals(b);
  }

  /**
   * Returns the letter's partner list (without its final period) with each amount replaced by the
   * settings' rate for that partner; names, order and separators stay as written.
   *
   * @param letter entries that name the same partners as {@code settings}
   */
  static String withRates(String text, int from, List<Entry> letter, List<PartnerRate> settings) {
    Map<String, String> rates = new HashMap<>();
    for (PartnerRate p : settings) {
      rates.putIfAbsent(PartnerNames.key(p.name()), p.rate());
    }
    StringBuilder b = new StringBuilder();
    int at = from;
    for (Entry e : letter) {
      b.append(text, at, e.rateStart()).append(rates.get(PartnerNames.key(e.name())));
      at = e.rateEnd();
    }
    return b.toString();
  }

  /** Returns the names, joined for a message: {@code Alice Jones, Carol King}. */
  static String names(List<Entry> letter) {
    List<String> names = new ArrayList<>();
    for (Entry e : letter) {
      names.add(e.name());
    }
    return String.join(", ", names);
  }
}
