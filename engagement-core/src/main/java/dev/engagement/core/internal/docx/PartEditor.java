package dev.engagement.core.internal.docx;

import dev.engagement.core.internal.xml.MalformedXmlException;
import dev.engagement.core.internal.xml.XmlScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link TextEdit}s to the paragraphs of one story part by splicing the original XML:
 * only the characters that differ are written, into the {@code w:t} node where the change starts;
 * the rest of a replaced range is deleted from the nodes that held it. Runs, their properties,
 * bookmarks, proofing marks, hyperlinks, content controls and revision marks all stay in place.
 *
 * <p>An edit whose changed characters touch an atom (tab, break, object) or read-only text is
 * refused as a whole and reported; nothing of it is applied.
 *
 * <p>Not thread-safe: one instance per part.
 */
public final class PartEditor {
  private final StoryText story;
  private final List<Splice> splices = new ArrayList<>();
  private final Set<Integer> preserveAdded = new HashSet<>();

  /** Creates an editor for a part. */
  public PartEditor(StoryText story) {
    this.story = story;
  }

  /**
   * Applies the edits of one paragraph, group by group: a group is applied whole or not at all.
   *
   * @param p a paragraph of this part
   * @param groups groups of non-overlapping edits on its original text
   * @return per group, null if applied, else why it was refused
   */
  public List<@Nullable String> apply(Paragraph p, List<List<TextEdit>> groups) {
    List<@Nullable String> outcome = new ArrayList<>(groups.size());
    List<Local> locals = new ArrayList<>();
    for (List<TextEdit> group : groups) {
      List<Local> mine = new ArrayList<>();
      String why = null;
      for (TextEdit e : group) {
        why = plan(p, e, mine);
        if (why != null) {
          break;
        }
      }
      if (why == null) {
        locals.addAll(mine);
      }
      outcome.add(why);
    }
    // segment texts after the edits, to decide on xml:space="preserve"
    locals.sort(Comparator.comparingInt((Local l) -> l.seg.start).thenComparingInt(l -> l.from));
    Segment current = null;
    StringBuilder segText = null;
    int shift = 0;
    for (Local l : locals) {
      if (l.seg != current) {
        checkPreserve(current, segText);
        current = l.seg;
        segText = new StringBuilder(p.text().substring(current.start, current.end()));
        shift = 0;
      }
      segText.replace(l.from + shift, l.to + shift, l.text);
      shift += l.text.length() - (l.to - l.from);
      splices.add(new Splice(l.seg.rawOffset(l.from), l.seg.rawOffset(l.to), escape(l.text)));
    }
    checkPreserve(current, segText);
    return outcome;
  }

  /** Returns a paragraph's text with edits applied (for reports); edits must not overlap. */
  public static String applied(String text, List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).reversed());
    StringBuilder b = new StringBuilder(text);
    for (TextEdit e : sorted) {
      b.replace(e.start(), e.end(), e.replacement());
    }
    return b.toString();
  }

  /** Returns whether any edit was applied. */
  public boolean changed() {
    return !splices.isEmpty();
  }

  /**
   * Returns the part's new XML text, checked to be well-formed (a safety net: an edit must never
   * produce a part Word would call corrupt).
   *
   * @throws IllegalStateException if the edited text is not well-formed (a bug)
   */
  public String result() {
    String text = splice();
    try {
      XmlScanner x = new XmlScanner(text, story.part().name(), Integer.MAX_VALUE);
      while (x.next() != XmlScanner.EOF) {
        // scan to the end
      }
    } catch (MalformedXmlException e) {
      throw new IllegalStateException("an edit made " + story.part().name() + " malformed: " + e.getMessage(), e);
    }
    return text;
  }

  private String splice() {
    String src = story.part().text();
    List<Splice> sorted = new ArrayList<>(splices);
    sorted.sort(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::end));
    StringBuilder out = new StringBuilder(src.length() + 64);
    int pos = 0;
    for (Splice s : sorted) {
      if (s.start < pos) {
        throw new IllegalStateException("overlapping edits in " + story.part().name());
      }
      out.append(src, pos, s.start).append(s.text);
      pos = s.end;
    }
    out.append(src, pos, src.length());
    return out.toString();
  }

  private @Nullable String plan(Paragraph p, TextEdit e, List<Local> locals) {
    String text = p.text();
    if (e.end() > text.length()) {
      throw new IllegalArgumentException("edit beyond the paragraph: " + e);
    }
    String old = text.substring(e.start(), e.end());
    String rep = e.replacement();
    int pre = commonPrefix(old, rep);
    int suf = commonSuffix(old, rep, pre);
    int s = e.start() + pre;
    int en = e.end() - suf;
    String r = rep.substring(pre, rep.length() - suf);
    if (s == en && r.isEmpty()) {
      return null;
    }
    if (s < en) {
      for (int i = s; i < en; ) {
        Segment seg = p.segmentAt(i);
        String why = refusal(seg);
        if (why != null) {
          return why;
        }
        i = seg.end();
      }
      List<Local> mine = new ArrayList<>();
      boolean first = true;
      for (int i = s; i < en; ) {
        Segment seg = p.segmentAt(i);
        int from = i - seg.start;
        int to = Math.min(en, seg.end()) - seg.start;
        if (!r.isEmpty() || from != to) {
          mine.add(new Local(seg, from, to, first ? r : ""));
        }
        first = false;
        i = seg.end();
      }
      locals.addAll(mine);
      return null;
    }
    // a pure insertion: after the preceding character, else before the following one
    Segment seg = null;
    int at = 0;
    if (s > 0 && p.segmentAt(s - 1).kind == Segment.TEXT) {
      seg = p.segmentAt(s - 1);
      at = s - seg.start;
    } else if (s < text.length() && p.segmentAt(s).kind == Segment.TEXT) {
      seg = p.segmentAt(s);
      at = 0;
    }
    if (seg == null) {
      return s > 0 ? refusalOrDefault(p.segmentAt(s - 1)) : "there is no text to insert into";
    }
    locals.add(new Local(seg, at, at, r));
    return null;
  }

  private static String refusalOrDefault(Segment seg) {
    String why = refusal(seg);
    return why != null ? why : "there is no text to insert into";
  }

  private static @Nullable String refusal(Segment seg) {
    if (seg.kind == Segment.ATOM) {
      return "the change would cross a tab, line break or object";
    }
    if (seg.kind == Segment.READONLY) {
      return seg.reason;
    }
    return null;
  }

  private void checkPreserve(@Nullable Segment seg, @Nullable StringBuilder after) {
    if (seg == null || after == null || seg.preserve || seg.tagNameEnd < 0) {
      return;
    }
    boolean needs =
        after.length() > 0
            && (isSpace(after.charAt(0)) || isSpace(after.charAt(after.length() - 1)));
    if (needs && preserveAdded.add(seg.tagNameEnd)) {
      if (seg.spaceValueStart >= 0) {
        // xml:space="default" (or another value): change the value, never add a second one
        splices.add(new Splice(seg.spaceValueStart, seg.spaceValueEnd, "preserve"));
      } else {
        splices.add(new Splice(seg.tagNameEnd, seg.tagNameEnd, " xml:space=\"preserve\""));
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private String escape(String t) {
    StringBuilder b = new StringBuilder(t.length() + 8);
    for (int i = 0; i < t.length(); ) {
      int cp = t.codePointAt(i);
      int n = Character.charCount(cp);
      if (cp == '&') {
        b.append("&amp;");
      } else if (cp == '<') {
        b.append("&lt;");
      } else if (cp == '>') {
        b.append("&gt;");
      } else if (!story.part().canEncode(t.substring(i, i + n))) {
        b.append("&#").append(cp).append(';');
      } else {
        b.appendCodePoint(cp);
      }
      i += n;
    }
    return b.toString();
  }

  static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  static int commonSuffix(String a, String b, int prefix) {
    int n = Math.min(a.length(), b.length()) - prefix;
    int i = 0;
    while (i < n && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
      i++;
    }
    if (i > 0 && Character.isLowSurrogate(a.charAt(a.length() - i))) {
      i--;
    }
    return i;
  }

  private record Local(Segment seg, int from, int to, String text) {}

  private record Splice(int start, int end, String text) {}
}
