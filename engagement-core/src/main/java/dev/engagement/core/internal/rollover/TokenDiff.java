package dev.engagement.core.internal.rollover;

import dev.engagement.core.internal.docx.TextEdit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a rewrite of a stretch of text into the smallest word-level edits, so that words that
 * stay (a partner's name in bold, the sentence around the rates) keep their runs and formatting.
 *
 * <p>Thread-safe: stateless.
 */
final class TokenDiff {
  private static final int MAX_TOKENS = 600;

  private TokenDiff() {}

  /**
   * Returns edits that turn {@code text[from, to)} into {@code replacement}.
   *
   * @param text the whole original text
   * @param from where the rewritten stretch starts
   * @param to where it ends
   * @param replacement the new stretch
   */
  static List<TextEdit> edits(String text, int from, int to, String replacement) {
    String old = text.substring(from, to);
    List<int[]> a = tokens(old);
    List<int[]> b = tokens(replacement);
    List<TextEdit> out = new ArrayList<>();
    if (a.size() > MAX_TOKENS || b.size() > MAX_TOKENS) {
      out.add(new TextEdit(from, to, replacement));
      return out;
    }
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            same(old, a.get(i), replacement, b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int hunkA = -1;
    int hunkB = -1;
    while (i < n || j < m) {
      if (i < n && j < m && same(old, a.get(i), replacement, b.get(j))) {
        if (hunkA >= 0) {
          out.add(hunk(from, old, a, hunkA, i, replacement, b, hunkB, j));
          hunkA = -1;
        }
        i++;
        j++;
      } else {
        if (hunkA < 0) {
          hunkA = i;
          hunkB = j;
        }
        if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
          j++;
        } else {
          i++;
        }
      }
    }
    if (hunkA >= 0) {
      out.add(hunk(from, old, a, hunkA, n, replacement, b, hunkB, m));
    }
    return out;
  }

  private static TextEdit hunk(
      int base,
      String old,
      List<int[]> a,
      int ai,
      int aj,
      String rep,
      List<int[]> b,
      int bi,
      int bj) {
    int oldStart = ai < a.size() ? a.get(ai)[0] : old.length();
    int oldEnd = aj > ai ? a.get(aj - 1)[1] : oldStart;
    int newStart = bi < b.size() ? b.get(bi)[0] : rep.length();
    int newEnd = bj > bi ? b.get(bj - 1)[1] : newStart;
    return new TextEdit(base + oldStart, base + oldEnd, rep.substring(newStart, newEnd));
  }

  private static boolean same(String s, int[] x, String t, int[] y) {
    int len = x[1] - x[0];
    return len == y[1] - y[0] && s.regionMatches(x[0], t, y[0], len);
  }

  /** Splits into runs of letters and digits, and single other characters. */
  static List<int[]> tokens(String s) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int start = i;
      if (Character.isLetterOrDigit(s.charAt(i))) {
        while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
          i++;
        }
      } else {
        i += Character.charCount(s.codePointAt(i));
      }
      out.add(new int[] {start, i});
    }
    return out;
  }
}
