package dev.engagement.core.internal.xml;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A strict, non-validating pull scanner over an XML document held in a string, that reports the
 * source offsets of every token so that callers can splice edits into the original text.
 *
 * <p>It checks well-formedness (balanced and matching tags, attribute syntax, character and
 * entity references, a single root element, namespace prefixes bound) and refuses any DOCTYPE,
 * so no external entity is fetched and no entity is expanded. Depth is bounded and nothing
 * recurses, so deeply nested input cannot overflow the stack. Comments and processing
 * instructions are checked and skipped. An empty element {@code <a/>} is reported as {@link
 * #START} followed by {@link #END}.
 *
 * <p>Not thread-safe: one instance per document and thread.
 */
public final class XmlScanner {
  /** A start tag (also for an empty-element tag). */
  public static final int START = 1;

  /** An end tag (also reported right after the start of an empty-element tag). */
  public static final int END = 2;

  /** Character data, possibly with character and entity references. */
  public static final int TEXT = 3;

  /** A CDATA section; {@link #textStart()} and {@link #textEnd()} give its content. */
  public static final int CDATA = 4;

  /** The end of the document. */
  public static final int EOF = -1;

  public static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
  private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

  private final String s;
  // the text as chars: the scanner reads every char, and array reads cost less than
  // String.charAt (which checks the index and the coding each time) before the JIT is done
  private final char[] chars;
  private final int len;
  private final String source;
  private final int maxDepth;

  private int pos;
  private int type;
  private int tokenStart;
  private int tokenEnd;
  private boolean emptyElement;
  private boolean pendingEnd;

  // current element (start or end tag)
  private int nameStart;
  private int nameEnd;
  private int colon;
  private @Nullable String localName;
  private @Nullable String namespace;

  // attributes of the current start tag
  private int attrCount;
  private int[] attrNameStart = new int[16];
  private int[] attrNameEnd = new int[16];
  private int[] attrColon = new int[16];
  private int[] attrValueStart = new int[16];
  private int[] attrValueEnd = new int[16];

  // open elements
  private int depth;
  private int[] openNameStart = new int[64];
  private int[] openNameEnd = new int[64];
  private int[] openNsCount = new int[64];
  private String[] openLocal = new String[64];
  private String[] openNamespace = new String[64];

  // namespace bindings in scope
  private int nsCount;
  private String[] nsPrefix = new String[32];
  private String[] nsUri = new String[32];

  private boolean rootSeen;
  private boolean rootClosed;

  // text token
  private int textStart;
  private int textEnd;

  /**
   * Creates a scanner.
   *
   * @param xml the document, already decoded, without a byte-order mark
   * @param source a name for error messages (a part name)
   * @param maxDepth the deepest element nesting accepted
   */
  public XmlScanner(String xml, String source, int maxDepth) {
    this.s = xml;
    this.chars = xml.toCharArray();
    this.len = xml.length();
    this.source = source;
    this.maxDepth = maxDepth;
  }

  /** Returns the document text this scanner reads. */
  public String text() {
    return s;
  }

  /**
   * Advances to the next token and returns its type.
   *
   * @throws MalformedXmlException if the document is not well-formed or has a DOCTYPE
   */
  public int next() {
    if (pendingEnd) {
      pendingEnd = false;
      emptyElement = false;
      type = END;
      popElement();
      return type;
    }
    while (true) {
      if (pos >= len) {
        if (depth != 0) {
          throw error(len, "the document ends before <" + openQName(depth - 1) + "> is closed");
        }
        if (!rootSeen) {
          throw error(len, "the document has no root element");
        }
        type = EOF;
        return type;
      }
      char c = chars[pos];
      if (c == '<') {
        if (pos + 1 >= len) {
          throw error(pos, "the document ends inside a tag");
        }
        char d = chars[pos + 1];
        if (d == '/') {
          return endTag();
        } else if (d == '?') {
          processingInstruction();
        } else if (d == '!') {
          if (s.startsWith("<!--", pos)) {
            comment();
          } else if (s.startsWith("<![CDATA[", pos)) {
            return cdata();
          } else if (s.startsWith("<!DOCTYPE", pos)) {
            throw error(pos, "a DOCTYPE declaration is not allowed (it could fetch or expand entities)");
          } else {
            throw error(pos, "unexpected markup '<!'");
          }
        } else {
          return startTag();
        }
      } else {
        int end = s.indexOf('<', pos);
        if (end < 0) {
          end = len;
        }
        int start = pos;
        pos = end;
        if (depth == 0) {
          for (int i = start; i < end; i++) {
            if (!isWhitespace(chars[i])) {
              throw error(i, "text outside the root element");
            }
          }
          continue;
        }
        checkReferences(start, end);
        tokenStart = start;
        tokenEnd = end;
        textStart = start;
        textEnd = end;
        type = TEXT;
        return type;
      }
    }
  }

  /** Returns the type of the current token. */
  public int type() {
    return type;
  }

  /** Returns the offset where the current token starts. */
  public int tokenStart() {
    return tokenStart;
  }

  /** Returns the offset just after the current token. */
  public int tokenEnd() {
    return tokenEnd;
  }

  /** Returns the offset just after the qualified name in the current start tag. */
  public int nameEnd() {
    return nameEnd;
  }

  /** Returns whether the current start tag is an empty-element tag. */
  public boolean isEmptyElement() {
    return emptyElement;
  }

  /** Returns the local name of the current element. */
  public String localName() {
    return requireNonNullState(localName);
  }

  /** Returns the namespace URI of the current element ({@code ""} for none). */
  public String namespace() {
    return requireNonNullState(namespace);
  }

  /** Returns the nesting depth; the root element has depth 1 while it is open. */
  public int depth() {
    return depth;
  }

  /** Returns the start offset of the current text or CDATA content. */
  public int textStart() {
    return textStart;
  }

  /** Returns the end offset of the current text or CDATA content. */
  public int textEnd() {
    return textEnd;
  }

  /**
   * Returns the decoded value of an attribute of the current start tag, or null.
   *
   * @param ns the attribute's namespace URI, {@code ""} for an unprefixed attribute
   * @param local its local name
   */
  public @Nullable String attribute(String ns, String local) {
    int[] range = attributeValueRange(ns, local);
    return range == null ? null : decode(range[0], range[1]);
  }

  /**
   * Returns the raw source range {start, end} of an attribute's value in the current start tag
   * (between the quotes), or null if the tag has no such attribute.
   */
  public int @Nullable [] attributeValueRange(String ns, String local) {
    for (int i = 0; i < attrCount; i++) {
      int c = attrColon[i];
      int localStart = c < 0 ? attrNameStart[i] : c + 1;
      int localLen = attrNameEnd[i] - localStart;
      if (localLen != local.length() || !s.regionMatches(localStart, local, 0, localLen)) {
        continue;
      }
      String attrNs = c < 0 ? "" : resolve(attrNameStart[i], c, attrNameStart[i]);
      if (attrNs.equals(ns)) {
        return new int[] {attrValueStart[i], attrValueEnd[i]};
      }
    }
    return null;
  }

  /** Returns the namespace URI bound to a prefix in the current scope, or null. */
  public @Nullable String namespaceOf(String prefix) {
    for (int i = nsCount - 1; i >= 0; i--) {
      if (nsPrefix[i].equals(prefix)) {
        return nsUri[i];
      }
    }
    return null;
  }

  /** Decodes character data between two offsets: references resolved, line ends normalized. */
  public String decode(int start, int end) {
    if (!needsDecoding(s, start, end)) {
      return s.substring(start, end);
    }
    StringBuilder b = new StringBuilder(end - start);
    decodeInto(s, start, end, b, null);
    return b.toString();
  }

  /**
   * Returns whether text between the offsets holds a reference or a carriage return, that is
   * whether its decoded form differs from the raw characters.
   */
  public static boolean needsDecoding(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '&' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * Decodes raw character data into {@code out}; if {@code rawOffsets} is given, it receives for
   * each decoded character the raw offset where it starts.
   */
  public static void decodeInto(
      String s, int start, int end, StringBuilder out, @Nullable IntList rawOffsets) {
    int i = start;
    while (i < end) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i);
        String ref = s.substring(i + 1, semi);
        if (rawOffsets != null) {
          rawOffsets.add(i);
        }
        if (ref.charAt(0) == '#') {
          int cp =
              ref.length() > 1 && (ref.charAt(1) == 'x')
                  ? Integer.parseInt(ref.substring(2), 16)
                  : Integer.parseInt(ref.substring(1));
          if (Character.isSupplementaryCodePoint(cp)) {
            out.append(Character.highSurrogate(cp));
            if (rawOffsets != null) {
              rawOffsets.add(i);
            }
            out.append(Character.lowSurrogate(cp));
          } else {
            out.append((char) cp);
          }
        } else {
          out.append(predefinedEntity(ref));
        }
        i = semi + 1;
      } else if (c == '\r') {
        if (rawOffsets != null) {
          rawOffsets.add(i);
        }
        out.append('\n');
        i += (i + 1 < end && s.charAt(i + 1) == '\n') ? 2 : 1;
      } else {
        if (rawOffsets != null) {
          rawOffsets.add(i);
        }
        out.append(c);
        i++;
      }
    }
  }

  private static char predefinedEntity(String name) {
    switch (name) {
      case "amp":
        return '&';
      case "lt":
        return '<';
      case "gt":
        return '>';
      case "quot":
        return '"';
      case "apos":
        return '\'';
      default:
        throw new IllegalArgumentException("undefined entity &" + name + ";");
    }
  }

  /** Returns 1-based line and column of an offset, for messages. */
  public String lineColumn(int offset) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < offset && i < len; i++) {
      if (chars[i] == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return "line " + line + ", column " + col;
  }

  private int startTag() {
    int start = pos;
    pos++;
    parseName();
    int qStart = nameStart;
    int qEnd = nameEnd;
    int qColon = colon;
    attrCount = 0;
    boolean empty;
    while (true) {
      boolean ws = skipWhitespace();
      if (pos >= len) {
        throw error(start, "the document ends inside a start tag");
      }
      char c = chars[pos];
      if (c == '>') {
        pos++;
        empty = false;
        break;
      }
      if (c == '/') {
        if (pos + 1 < len && chars[pos + 1] == '>') {
          pos += 2;
          empty = true;
          break;
        }
        throw error(pos, "expected '/>'");
      }
      if (!ws) {
        throw error(pos, "expected whitespace between attributes");
      }
      attribute();
    }
    nameStart = qStart;
    nameEnd = qEnd;
    colon = qColon;
    if (depth == 0 && rootClosed) {
      throw error(start, "a second root element");
    }
    if (depth >= maxDepth) {
      throw error(start, "elements are nested deeper than " + maxDepth + " levels");
    }
    // namespace declarations of this element
    int nsBefore = nsCount;
    for (int i = 0; i < attrCount; i++) {
      int ns = attrNameStart[i];
      int ne = attrNameEnd[i];
      if (ne - ns >= 5 && s.startsWith("xmlns", ns)) {
        if (ne - ns == 5) {
          bind("", Namespaces.canonical(decode(attrValueStart[i], attrValueEnd[i])));
        } else if (chars[ns + 5] == ':') {
          String uri = decode(attrValueStart[i], attrValueEnd[i]);
          if (uri.isEmpty()) {
            throw error(ns, "a namespace prefix cannot be bound to an empty URI");
          }
          bind(s.substring(ns + 6, ne), Namespaces.canonical(uri));
        }
      }
    }
    String ns = resolve(qStart, qColon, start);
    String local = s.substring(qColon < 0 ? qStart : qColon + 1, qEnd);
    checkDuplicateAttributes();
    push(qStart, qEnd, nsBefore, local, ns);
    rootSeen = true;
    localName = local;
    namespace = ns;
    tokenStart = start;
    tokenEnd = pos;
    emptyElement = empty;
    pendingEnd = empty;
    type = START;
    return type;
  }

  private void attribute() {
    int start = pos;
    parseName();
    int an = nameStart;
    int ae = nameEnd;
    int ac = colon;
    skipWhitespace();
    if (pos >= len || chars[pos] != '=') {
      throw error(start, "expected '=' after attribute name");
    }
    pos++;
    skipWhitespace();
    if (pos >= len) {
      throw error(start, "the document ends inside an attribute");
    }
    char q = chars[pos];
    if (q != '"' && q != '\'') {
      throw error(pos, "attribute value must be quoted");
    }
    int vs = pos + 1;
    int ve = s.indexOf(q, vs);
    if (ve < 0) {
      throw error(start, "unterminated attribute value");
    }
    for (int i = vs; i < ve; i++) {
      if (chars[i] == '<') {
        throw error(i, "'<' in an attribute value");
      }
    }
    checkReferences(vs, ve);
    pos = ve + 1;
    if (attrCount == attrNameStart.length) {
      if (attrCount >= 4096) {
        throw error(start, "too many attributes");
      }
      int n = attrCount * 2;
      attrNameStart = Arrays.copyOf(attrNameStart, n);
      attrNameEnd = Arrays.copyOf(attrNameEnd, n);
      attrColon = Arrays.copyOf(attrColon, n);
      attrValueStart = Arrays.copyOf(attrValueStart, n);
      attrValueEnd = Arrays.copyOf(attrValueEnd, n);
    }
    attrNameStart[attrCount] = an;
    attrNameEnd[attrCount] = ae;
    attrColon[attrCount] = ac;
    attrValueStart[attrCount] = vs;
    attrValueEnd[attrCount] = ve;
    attrCount++;
  }

  private void checkDuplicateAttributes() {
    for (int i = 1; i < attrCount; i++) {
      int li = attrNameEnd[i] - attrNameStart[i];
      for (int j = 0; j < i; j++) {
        if (attrNameEnd[j] - attrNameStart[j] == li
            && s.regionMatches(attrNameStart[i], s, attrNameStart[j], li)) {
          throw error(
              attrNameStart[i],
              "attribute " + s.substring(attrNameStart[i], attrNameEnd[i]) + " appears twice");
        }
      }
    }
  }

  private int endTag() {
    int start = pos;
    pos += 2;
    parseName();
    skipWhitespace();
    if (pos >= len || chars[pos] != '>') {
      throw error(start, "expected '>' to close the end tag");
    }
    pos++;
    if (depth == 0) {
      throw error(start, "an end tag without a start tag");
    }
    int d = depth - 1;
    int n = nameEnd - nameStart;
    if (openNameEnd[d] - openNameStart[d] != n
        || !s.regionMatches(nameStart, s, openNameStart[d], n)) {
      throw error(
          start,
          "</"
              + s.substring(nameStart, nameEnd)
              + "> does not match <"
              + openQName(d)
              + "> opened at "
              + lineColumn(openNameStart[d]));
    }
    localName = openLocal[d];
    namespace = openNamespace[d];
    tokenStart = start;
    tokenEnd = pos;
    type = END;
    popElement();
    return type;
  }

  private int cdata() {
    if (depth == 0) {
      throw error(pos, "CDATA outside the root element");
    }
    int start = pos;
    int cs = pos + 9;
    int ce = s.indexOf("]]>", cs);
    if (ce < 0) {
      throw error(start, "unterminated CDATA section");
    }
    pos = ce + 3;
    tokenStart = start;
    tokenEnd = pos;
    textStart = cs;
    textEnd = ce;
    type = CDATA;
    return type;
  }

  private void comment() {
    int end = s.indexOf("-->", pos + 4);
    if (end < 0) {
      throw error(pos, "unterminated comment");
    }
    pos = end + 3;
  }

  private void processingInstruction() {
    int start = pos;
    int end = s.indexOf("?>", pos + 2);
    if (end < 0) {
      throw error(start, "unterminated processing instruction");
    }
    boolean declaration =
        s.startsWith("<?xml", start)
            && start + 5 < len
            && (isWhitespace(chars[start + 5]) || chars[start + 5] == '?');
    if (declaration && start != 0) {
      throw error(start, "the XML declaration must come first");
    }
    pos = end + 2;
  }

  private void parseName() {
    int start = pos;
    int c1 = -1;
    while (pos < len) {
      char c = chars[pos];
      if (isWhitespace(c) || c == '>' || c == '/' || c == '=' || c == '<' || c == '"'
          || c == '\'') {
        break;
      }
      if (c == ':') {
        if (c1 >= 0) {
          throw error(pos, "a name with two colons");
        }
        c1 = pos;
      }
      pos++;
    }
    if (pos == start) {
      throw error(start, "expected a name");
    }
    char first = chars[start];
    if (first == '-' || first == '.' || first == ':' || (first >= '0' && first <= '9')) {
      throw error(start, "a name cannot start with '" + first + "'");
    }
    if (c1 == pos - 1) {
      throw error(start, "a name cannot end with ':'");
    }
    nameStart = start;
    nameEnd = pos;
    colon = c1;
  }

  private boolean skipWhitespace() {
    int start = pos;
    while (pos < len && isWhitespace(chars[pos])) {
      pos++;
    }
    return pos > start;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private void checkReferences(int start, int end) {
    for (int i = start; i < end; i++) {
      if (chars[i] != '&') {
        continue;
      }
      int semi = i + 1;
      while (semi < end && semi - i <= 12 && chars[semi] != ';') {
        semi++;
      }
      if (semi >= end || chars[semi] != ';' || semi == i + 1) {
        throw error(i, "an '&' that does not start a reference");
      }
      if (chars[i + 1] == '#') {
        int cp;
        try {
          cp =
              s.charAt(i + 2) == 'x'
                  ? Integer.parseInt(s.substring(i + 3, semi), 16)
                  : Integer.parseInt(s.substring(i + 2, semi));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          throw error(i, "a malformed character reference");
        }
        if (!isXmlChar(cp)) {
          throw error(i, "a character reference to a character XML does not allow");
        }
      } else {
        String name = s.substring(i + 1, semi);
        switch (name) {
          case "amp":
          case "lt":
          case "gt":
          case "quot":
          case "apos":
            break;
          default:
            throw error(i, "an undefined entity &" + name + ";");
        }
      }
      i = semi;
    }
  }

  private static boolean isXmlChar(int cp) {
    return cp == 0x9
        || cp == 0xA
        || cp == 0xD
        || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD)
        || (cp >= 0x10000 && cp <= 0x10FFFF);
  }

  private void bind(String prefix, String uri) {
    if (nsCount == nsPrefix.length) {
      nsPrefix = Arrays.copyOf(nsPrefix, nsCount * 2);
      nsUri = Arrays.copyOf(nsUri, nsCount * 2);
    }
    nsPrefix[nsCount] = prefix;
    nsUri[nsCount] = uri;
    nsCount++;
  }

  private String resolve(int qStart, int qColon, int errorAt) {
    if (qColon < 0) {
      for (int i = nsCount - 1; i >= 0; i--) {
        if (nsPrefix[i].isEmpty()) {
          return nsUri[i];
        }
      }
      return "";
    }
    int plen = qColon - qStart;
    if (plen == 3 && s.startsWith("xml", qStart)) {
      return XML_NS;
    }
    if (plen == 5 && s.startsWith("xmlns", qStart)) {
      return XMLNS_NS;
    }
    for (int i = nsCount - 1; i >= 0; i--) {
      String p = nsPrefix[i];
      if (p.length() == plen && s.startsWith(p, qStart)) {
        return nsUri[i];
      }
    }
    throw error(errorAt, "the namespace prefix '" + s.substring(qStart, qColon) + "' is not bound");
  }

  private void push(int qs, int qe, int nsBefore, String local, String ns) {
    if (depth == openNameStart.length) {
      int n = depth * 2;
      openNameStart = Arrays.copyOf(openNameStart, n);
      openNameEnd = Arrays.copyOf(openNameEnd, n);
      openNsCount = Arrays.copyOf(openNsCount, n);
      openLocal = Arrays.copyOf(openLocal, n);
      openNamespace = Arrays.copyOf(openNamespace, n);
    }
    openNameStart[depth] = qs;
    openNameEnd[depth] = qe;
    openNsCount[depth] = nsBefore;
    openLocal[depth] = local;
    openNamespace[depth] = ns;
    depth++;
  }

  private void popElement() {
    depth--;
    nsCount = openNsCount[depth];
    if (depth == 0) {
      rootClosed = true;
    }
  }

  private String openQName(int d) {
    return s.substring(openNameStart[d], openNameEnd[d]);
  }

  private static <T> T requireNonNullState(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("no current element");
    }
    return value;
  }

  private MalformedXmlException error(int offset, String message) {
    return new MalformedXmlException(source, lineColumn(offset), message);
  }
}
