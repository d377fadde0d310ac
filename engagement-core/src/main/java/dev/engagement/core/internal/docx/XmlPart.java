package dev.engagement.core.internal.docx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An XML part decoded to a string, remembering its encoding and byte-order mark so that an
 * edited text is written back the same way (OPC allows UTF-8 and UTF-16 parts).
 *
 * <p>Immutable.
 */
public final class XmlPart {
  private static final Pattern ENCODING =
      Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

  private final String name;
  private final String text;
  private final Charset charset;
  private final byte[] bom;

  private XmlPart(String name, String text, Charset charset, byte[] bom) {
    this.name = name;
    this.text = text;
    this.charset = charset;
    this.bom = bom;
  }

  /**
   * Decodes part bytes: a byte-order mark wins, then the XML declaration's encoding, then UTF-8.
   *
   * @throws IOException if the bytes are not valid in that encoding
   */
  public static XmlPart decode(String name, byte[] bytes) throws IOException {
    Charset cs = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      cs = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      cs = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 4 && bytes[0] == '<' && bytes[1] == 0 && bytes[2] == '?') {
      cs = StandardCharsets.UTF_16LE;
    } else if (bytes.length >= 4 && bytes[0] == 0 && bytes[1] == '<' && bytes[3] == '?') {
      cs = StandardCharsets.UTF_16BE;
    } else {
      String head =
          new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
      Matcher m = ENCODING.matcher(head);
      if (m.find()) {
        String enc = m.group(1);
        if (!enc.equalsIgnoreCase("UTF-8") && !enc.equalsIgnoreCase("UTF8")) {
          try {
            cs = Charset.forName(enc);
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IOException(name + " declares an unknown encoding " + enc, e);
          }
          if (cs.name().startsWith("UTF-16")) {
            throw new IOException(name + " declares UTF-16 but has no byte-order mark");
          }
        }
      }
    }
    String text = null;
    if (cs.equals(StandardCharsets.UTF_8)) {
      // the String constructor's fast path; it replaces malformed input with U+FFFD, so a text
      // with U+FFFD in it is decoded again strictly (it may be in the document as a character)
      text = new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') >= 0) {
        text = null;
      }
    }
    if (text == null) {
      CharsetDecoder dec =
          cs.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      try {
        text = dec.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
      } catch (CharacterCodingException e) {
        throw new IOException(name + " is not valid " + cs.name() + " text", e);
      }
    }
    return new XmlPart(name, text, cs, Arrays.copyOf(bytes, skip));
  }

  /** Returns the part name. */
  public String name() {
    return name;
  }

  /** Returns the decoded text, without the byte-order mark. */
  public String text() {
    return text;
  }

  /** Returns the encoding the part was read in. */
  public Charset charset() {
    return charset;
  }

  /** Returns whether characters can be written in this part's encoding. */
  public boolean canEncode(CharSequence chars) {
    return charset.equals(StandardCharsets.UTF_8)
        || charset.name().startsWith("UTF-16")
        || charset.newEncoder().canEncode(chars);
  }

  /** Encodes a new text of this part with the original encoding and byte-order mark. */
  public byte[] encode(String newText) {
    if (charset.equals(StandardCharsets.UTF_8) && bom.length == 0 && !hasSurrogates(newText)) {
      return newText.getBytes(StandardCharsets.UTF_8); // the fast path: nothing it could replace
    }
    CharsetEncoder enc =
        charset
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bb;
    try {
      bb = enc.encode(CharBuffer.wrap(newText));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(name + ": text cannot be encoded in " + charset, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bom.length + bb.remaining());
    out.write(bom, 0, bom.length);
    out.write(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
    return out.toByteArray();
  }

  /**
   * Returns whether a text has surrogate chars (paired or not), which the fast UTF-8 path would
   * not report when unpaired.
   */
  private static boolean hasSurrogates(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
