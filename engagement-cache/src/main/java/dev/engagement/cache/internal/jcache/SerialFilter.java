package dev.engagement.cache.internal.jcache;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Java serialisation may read back from a cache: stored values come from outside the
 * process (a shared folder, a shared server), so an entry is read through an {@link
 * ObjectInputFilter} that allows only the classes of a short list (strings, boxed primitives,
 * primitive arrays, {@code BigInteger}/{@code BigDecimal}, {@code java.time} values, dates, UUIDs
 * and the JDK's lists, sets and maps) plus those a widening pattern allows, and that bounds the stream by the
 * size of the value read: nesting at most {@value #MAX_DEPTH} deep, at most one reference per
 * byte, and arrays whose lengths add up to at most twice the value's size (a legitimate stream
 * spends at least a byte on each element, so a huge declared array is refused before it is
 * allocated).
 *
 * <p>The widening pattern is in {@link ObjectInputFilter.Config#createFilter} syntax ({@code
 * com.example.Dto;com.example.model.*;!com.example.Unsafe}); it is consulted first, so it may also
 * refuse a class of the default list. It comes from the cache's configuration, its cache
 * manager's property {@value #PROPERTY}, or the system property of the same name, in that order.
 *
 * <p>Immutable and thread-safe; {@link #newFilter} makes the stateful filter of one stream.
 */
public final class SerialFilter {
  /** The property (of a cache manager, or of the system) holding widening patterns. */
  public static final String PROPERTY = "dev.engagement.cache.serialFilter";

  /** The deepest nesting of objects read. */
  public static final int MAX_DEPTH = 100;

  /**
   * The classes read by default, as {@link ObjectInputFilter.Config#createFilter} patterns. The
   * JDK checks the class of an object a stream's class replaces itself with too ({@code
   * java.time.Ser} becomes a {@code LocalDate}, {@code java.util.CollSer} a {@code List.of}
   * list), and the element class of arrays (an {@code ArrayList}'s {@code Object[]}).
   */
  static final List<String> DEFAULT_PATTERNS =
      List.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.Enum",
          "java.lang.String$CaseInsensitiveComparator",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.time.*",
          "java.util.Date",
          "java.util.UUID",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.Map$Entry",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.Arrays$ArrayList",
          "java.util.CollSer",
          "java.util.ImmutableCollections$*",
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptySet",
          "java.util.Collections$EmptyMap",
          "java.util.Collections$SingletonList",
          "java.util.Collections$SingletonSet",
          "java.util.Collections$SingletonMap",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableList",
          "java.util.Collections$UnmodifiableRandomAccessList",
          "java.util.Collections$UnmodifiableSet",
          "java.util.Collections$UnmodifiableSortedSet",
          "java.util.Collections$UnmodifiableMap",
          "java.util.Collections$UnmodifiableSortedMap",
          "java.util.Collections$ReverseComparator");

  private static final ObjectInputFilter DEFAULT_LIST =
      ObjectInputFilter.Config.createFilter(String.join(";", DEFAULT_PATTERNS) + ";!*");

  private static final SerialFilter DEFAULT = new SerialFilter(null, "");

  private final @Nullable ObjectInputFilter widening;
  private final String patterns;

  private SerialFilter(@Nullable ObjectInputFilter widening, String patterns) {
    this.widening = widening;
    this.patterns = patterns;
  }

  /** Returns the filter that allows the default list only. */
  public static SerialFilter ofDefaults() {
    return DEFAULT;
  }

  /**
   * Returns the filter that allows the default list widened (or narrowed) by patterns.
   *
   * @param patterns the pattern strings, the first ones decide first; null or blank ones are skipped
   * @throws IllegalArgumentException if a pattern is not valid
   */
  public static SerialFilter of(List<@Nullable String> patterns) {
    List<String> given = new ArrayList<>();
    for (String p : patterns) {
      if (p != null && !p.isBlank()) {
        given.add(p.strip());
      }
    }
    if (given.isEmpty()) {
      return DEFAULT;
    }
    String joined = String.join(";", given);
    ObjectInputFilter f;
    try {
      f = ObjectInputFilter.Config.createFilter(joined);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a valid serialisation filter (" + PROPERTY + "): \"" + joined + "\": " + e.getMessage(), e);
    }
    return new SerialFilter(f, joined);
  }

  /** Returns the widening patterns, or an empty string. */
  public String patterns() {
    return patterns;
  }

  /** Returns the filter of one stream of a value of some size; it remembers why it refused. */
  Stream newFilter(int valueBytes) {
    return new Stream(valueBytes);
  }

  @Override
  public String toString() {
    return "SerialFilter[" + (patterns.isEmpty() ? "defaults" : patterns) + "]";
  }

  /** The filter of one stream: stateful (it adds up array lengths), not thread-safe. */
  final class Stream implements ObjectInputFilter {
    private final long maxReferences;
    private final long arrayBudget;
    private long arrayElements;
    private @Nullable String refusal;

    Stream(int valueBytes) {
      this.maxReferences = Math.max(64, valueBytes);
      this.arrayBudget = 2L * valueBytes + 1024;
    }

    /** Returns why the stream was refused, or null. */
    @Nullable String refusal() {
      return refusal;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      if (info.depth() > MAX_DEPTH) {
        return refuse("objects nested more than " + MAX_DEPTH + " deep");
      }
      if (info.references() > maxReferences) {
        return refuse("more than " + maxReferences + " object references");
      }
      if (info.arrayLength() >= 0) {
        arrayElements += info.arrayLength();
        if (arrayElements > arrayBudget) {
          return refuse(
              "arrays of "
                  + arrayElements
                  + " elements in all, more than a value of its size can hold (at most "
                  + arrayBudget
                  + ")");
        }
      }
      if (widening != null) {
        Status s = widening.checkInput(info);
        if (s == Status.REJECTED) {
          Class<?> c = info.serialClass();
          return refuse(
              c == null ? "a limit of the filter " + patterns : "class " + c.getName() + " (refused by " + patterns + ")");
        }
        if (s == Status.ALLOWED && info.serialClass() != null) {
          return Status.ALLOWED;
        }
      }
      Class<?> c = info.serialClass();
      if (c == null) {
        return Status.ALLOWED;
      }
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.isPrimitive() || DEFAULT_LIST.checkInput(new ClassOnly(c)) == Status.ALLOWED) {
        return Status.ALLOWED;
      }
      return refuse(
          "class "
              + element.getName()
              + " is not allowed (widen the allowed classes with "
              + PROPERTY
              + " if it is safe to read)");
    }

    /** The class part of a call, for the default list (whose only limits are ours). */
    private record ClassOnly(Class<?> serialClass) implements FilterInfo {
      @Override
      public long arrayLength() {
        return -1;
      }

      @Override
      public long depth() {
        return 1;
      }

      @Override
      public long references() {
        return 0;
      }

      @Override
      public long streamBytes() {
        return 0;
      }
    }

    private Status refuse(String why) {
      if (refusal == null) {
        refusal = why;
      }
      return Status.REJECTED;
    }
  }
}
