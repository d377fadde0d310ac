package dev.engagement.core.internal.xml;

import java.util.Arrays;

/** A growable list of ints. Not thread-safe. */
public final class IntList {
  private int[] values;
  private int size;

  /** Creates an empty list. */
  public IntList(int capacity) {
    values = new int[Math.max(capacity, 4)];
  }

  /** Appends a value. */
  public void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  /** Returns the value at an index. */
  public int get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return values[index];
  }

  /** Returns the number of values. */
  public int size() {
    return size;
  }

  /** Returns a copy of the values. */
  public int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
