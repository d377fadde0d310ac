package dev.engagement.core.internal.xml;

import java.util.Map;

/** The namespace URIs the library looks for, as shared constant instances. */
public final class Namespaces {
  /** WordprocessingML, transitional. */
  public static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  /** WordprocessingML, ISO strict. */
  public static final String W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main";

  /** Markup compatibility (mc:AlternateContent). */
  public static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";

  /** OPC package relationships. */
  public static final String PACKAGE_RELATIONSHIPS =
      "http://schemas.openxmlformats.org/package/2006/relationships";

  /** OPC content types. */
  public static final String CONTENT_TYPES =
      "http://schemas.openxmlformats.org/package/2006/content-types";

  private static final Map<String, String> KNOWN =
      Map.of(
          W, W,
          W_STRICT, W_STRICT,
          MC, MC,
          PACKAGE_RELATIONSHIPS, PACKAGE_RELATIONSHIPS,
          CONTENT_TYPES, CONTENT_TYPES);

  private Namespaces() {}

  /** Returns the shared instance of a known URI, or the URI itself. */
  public static String canonical(String uri) {
    return KNOWN.getOrDefault(uri, uri);
  }
}
