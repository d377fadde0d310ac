package dev.engagement.core.internal.rollover;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the original app's fee sentences: the compliance one ({@code Partner hourly rates are:
 * ... Our Associate hourly rates range from $A-B. Our bookkeeping rate is $C-D per hour.}) and
 * the consulting one (the same without the bookkeeping sentence). The compliance form is tried
 * first at each place, as in the original. Spaces may be non-breaking, ranges may use an en dash
 * or spaces around the dash; a sentence never spans a line break.
 *
 * <p>Thread-safe: stateless.
 */
public final class FeeRule {
  private static final String SP = "[^\\S\\n]*";
  private static final String RANGE =
      "\\$" + SP + "[0-9][0-9,]*" + SP + "[-\\u2013]" + SP + "\\$?" + SP + "[0-9][0-9,]*";
  private static final String HEAD = "Partner hourly rates are:" + SP + "(?<partners>[^\\n]*?)" + SP;
  private static final String ASSOCIATE =
      "Our Associate hourly rates range from" + SP + "(?<associate>" + RANGE + ")" + SP + "\\.";

  private static final Pattern COMPLIANCE =
      Pattern.compile(
          "(?U)"
              + HEAD
              + ASSOCIATE
              + SP
              + "Our bookkeeping rate is"
              + SP
              + "(?<bookkeeping>"
              + RANGE
              + ")"
              + SP
              + "per hour\\.");
  /** The consulting sentence: not followed by a (differently worded) bookkeeping sentence. */
  private static final Pattern CONSULTING =
      Pattern.compile("(?U)" + HEAD + ASSOCIATE + "(?!" + SP + "Our bookkeeping)");
  private static final Pattern MENTION = Pattern.compile("Partner hourly rates are");

  private FeeRule() {}

  /** Which fee sentence. */
  public enum Kind {
    /** With the bookkeeping sentence: rates from the COMPLIANCE_* settings. */
    COMPLIANCE,
    /** Without it: rates from the CONSULTING_* settings. */
    CONSULTING
  }

  /**
   * A fee sentence found in a text.
   *
   * @param start where the sentence starts
   * @param end where it ends
   * @param kind which sentence
   * @param partnersStart where its partner list starts (after "Partner hourly rates are:")
   * @param partnersEnd where the partner list ends (before "Our Associate", a final period
   *     included)
   */
  public record Match(int start, int end, Kind kind, int partnersStart, int partnersEnd) {}

  /** Returns the fee sentences in a text, in order, not overlapping. */
  public static List<Match> find(String text) {
    List<Match> out = new ArrayList<>();
    if (!MENTION.matcher(text).find()) {
      return out;
    }
    Matcher head = MENTION.matcher(text);
    int from = 0;
    while (head.find(from)) {
      int at = head.start();
      Matcher c = COMPLIANCE.matcher(text).region(at, text.length());
      if (c.lookingAt()) {
        out.add(new Match(at, c.end(), Kind.COMPLIANCE, c.start("partners"), c.end("partners")));
        from = c.end();
        continue;
      }
      Matcher k = CONSULTING.matcher(text).region(at, text.length());
      if (k.lookingAt()) {
        out.add(new Match(at, k.end(), Kind.CONSULTING, k.start("partners"), k.end("partners")));
        from = k.end();
        continue;
      }
      from = head.end();
    }
    return out;
  }

  /** Returns how many times the text mentions partner rates, in a full sentence or not. */
  public static int mentions(String text) {
    Matcher m = MENTION.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** Writes the compliance sentence. */
  public static String compliance(String partners, String associate, String bookkeeping) {
    return "Partner hourly rates are: "
        + partners
        + ". Our Associate hourly rates range from "
        + associate
        + ". Our bookkeeping rate is "
        + bookkeeping
        + " per hour.";
  }

  /** Writes the consulting sentence. */
  public static String consulting(String partners, String associate) {
    return "Partner hourly rates are: "
        + partners
        + ". Our Associate hourly rates range from "
        + associate
        + ".";
  }
}
