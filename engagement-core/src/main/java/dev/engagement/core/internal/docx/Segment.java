package dev.engagement.core.internal.docx;

import org.jspecify.annotations.Nullable;

/**
 * A stretch of a paragraph's logical text: the content of one {@code w:t} text token (editable),
 * one atom standing for a tab, break or object (never editable), or text that must not be edited
 * (CDATA, a data-bound content control).
 *
 * <p>Immutable.
 */
final class Segment {
  static final byte TEXT = 0;
  static final byte ATOM = 1;
  static final byte READONLY = 2;

  final int start;
  final int length;
  final byte kind;
  final int srcStart;
  final int srcEnd;
  final int @Nullable [] raw;
  final int tagNameEnd;
  final boolean preserve;
  final int spaceValueStart;
  final int spaceValueEnd;
  final @Nullable String reason;

  Segment(
      int start,
      int length,
      byte kind,
      int srcStart,
      int srcEnd,
      int @Nullable [] raw,
      int tagNameEnd,
      boolean preserve,
      int spaceValueStart,
      int spaceValueEnd,
      @Nullable String reason) {
    this.start = start;
    this.length = length;
    this.kind = kind;
    this.srcStart = srcStart;
    this.srcEnd = srcEnd;
    this.raw = raw;
    this.tagNameEnd = tagNameEnd;
    this.preserve = preserve;
    this.spaceValueStart = spaceValueStart;
    this.spaceValueEnd = spaceValueEnd;
    this.reason = reason;
  }

  int end() {
    return start + length;
  }

  /** Returns the source offset of the local character {@code i} (or the end for i == length). */
  int rawOffset(int i) {
    if (i >= length) {
      return srcEnd;
    }
    int[] r = raw;
    return r == null ? srcStart + i : r[i];
  }
}
