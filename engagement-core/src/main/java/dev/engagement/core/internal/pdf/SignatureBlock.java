package dev.engagement.core.internal.pdf;

import dev.engagement.core.internal.names.PartnerNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the closing ("Very truly yours," and the like) and the first known partner's name after
 * it, across a page break if need be. A line matches a partner when, compared without regard to
 * case, spacing, curly apostrophes and middle initials, it is the name alone or the name followed
 * by credentials (", CPA", ", CPA, MST", " CPA"). Lines in between (the firm's name, blank lines)
 * are passed over. In a two-column signature block, segments in the closing's column are
 * preferred.
 *
 * <p>Thread-safe: immutable.
 */
public final class SignatureBlock {
  private static final int LOOK_AHEAD = 12;
  private static final float SAME_COLUMN = 48f;

  private final List<String> closings;
  private final Map<String, String> partners;

  /**
   * Creates a finder.
   *
   * @param closings the closings, e.g. "Very truly yours"
   * @param partners the known partners' names
   */
  public SignatureBlock(List<String> closings, List<String> partners) {
    List<String> c = new ArrayList<>();
    for (String s : closings) {
      c.add(normalize(s).replaceAll("[,.:;]+$", ""));
    }
    this.closings = List.copyOf(c);
    Map<String, String> p = new LinkedHashMap<>();
    for (String s : partners) {
      p.putIfAbsent(comparable(s), s.strip());
    }
    this.partners = p;
  }

  /**
   * What was found.
   *
   * @param closing the closing's segment
   * @param partner the partner's name as known
   * @param name the segment holding the partner's name
   */
  public record Match(PdfLines.Segment closing, String partner, PdfLines.Segment name) {}

  /** Returns the first closing, or null. */
  public PdfLines.@Nullable Segment firstClosing(List<PdfLines.Line> lines) {
    for (PdfLines.Line line : lines) {
      for (PdfLines.Segment s : line.segments()) {
        if (isClosing(s.text())) {
          return s;
        }
      }
    }
    return null;
  }

  /** Returns the first closing followed by a known partner, or null. */
  public @Nullable Match find(List<PdfLines.Line> lines) {
    for (int i = 0; i < lines.size(); i++) {
      for (PdfLines.Segment closing : lines.get(i).segments()) {
        if (!isClosing(closing.text())) {
          continue;
        }
        for (int j = i + 1; j < lines.size() && j <= i + LOOK_AHEAD; j++) {
          List<PdfLines.Segment> segs = new ArrayList<>(lines.get(j).segments());
          segs.sort((a, b) -> Float.compare(Math.abs(a.x() - closing.x()), Math.abs(b.x() - closing.x())));
          for (PdfLines.Segment s : segs) {
            if (segs.size() > 1 && Math.abs(s.x() - closing.x()) > SAME_COLUMN) {
              continue;
            }
            String partner = partnerOf(s.text());
            if (partner != null) {
              return new Match(closing, partner, s);
            }
          }
          if (lines.get(j).segments().stream().anyMatch(s -> isClosing(s.text()))) {
            break;
          }
        }
      }
    }
    return null;
  }

  boolean isClosing(String text) {
    String t = normalize(text).replaceAll("[,.:;]+$", "");
    return closings.contains(t);
  }

  @Nullable String partnerOf(String text) {
    String t = comparable(text);
    for (Map.Entry<String, String> p : partners.entrySet()) {
      String name = p.getKey();
      if (t.equals(name)) {
        return p.getValue();
      }
      if (t.startsWith(name) && PartnerNames.isCredentials(t.substring(name.length()))) {
        return p.getValue();
      }
    }
    return null;
  }

  /** Returns the known partners, for messages. */
  public List<String> partners() {
    return List.copyOf(partners.values());
  }

  static String normalize(String s) {
    return PartnerNames.normalize(s);
  }

  static String comparable(String s) {
    return PartnerNames.comparable(s);
  }
}
