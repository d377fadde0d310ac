package dev.engagement.core.internal.xml;

/** Thrown when an XML part is not well-formed, or has a DOCTYPE, or nests too deep. */
public final class MalformedXmlException extends RuntimeException {
  private final String part;
  private final String where;
  private final String reason;

  /** Creates the exception for a part, a position ("line 3, column 7") and a reason. */
  public MalformedXmlException(String part, String where, String reason) {
    super(part + " is not well-formed XML (" + where + "): " + reason);
    this.part = part;
    this.where = where;
    this.reason = reason;
  }

  /** Returns the name of the part. */
  public String part() {
    return part;
  }

  /** Returns the position, as "line L, column C". */
  public String where() {
    return where;
  }

  /** Returns the reason alone. */
  public String reason() {
    return reason;
  }
}
