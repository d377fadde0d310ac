package dev.engagement.core.internal.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Whether the optional jars of PDF printing and signing are on the class path, and what to add
 * when one is not. Loads none of their classes itself (only looks for one by name), so it is safe
 * to use from classes that must load without them.
 *
 * <p>Thread-safe: immutable.
 */
public final class OptionalJars {
  private static final Properties VERSIONS = versions();

  /** PDFBox: reading, checking and stamping PDFs. */
  public static final OptionalJar PDFBOX =
      new OptionalJar("org.apache.pdfbox", "pdfbox", VERSIONS.getProperty("pdfbox", "3.0.8"), "org.apache.pdfbox.Loader");

  /** JODConverter: LibreOffice through its UNO API. */
  public static final OptionalJar JODCONVERTER =
      new OptionalJar(
          "org.jodconverter",
          "jodconverter-local-lo",
          VERSIONS.getProperty("jodconverter", "4.4.9"),
          "org.jodconverter.local.office.LocalOfficeManager");

  private OptionalJars() {}

  /**
   * An optional dependency of engagement-core.
   *
   * @param groupId its Maven group
   * @param artifactId its Maven artifact
   * @param version the version this build was made with
   * @param probe a class it holds
   */
  public record OptionalJar(String groupId, String artifactId, String version, String probe) {
    /** Returns whether its classes can be loaded. */
    public boolean present() {
      try {
        Class.forName(probe, false, OptionalJars.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }

    /** Returns its coordinates, {@code groupId:artifactId:version}. */
    public String coordinates() {
      return groupId + ":" + artifactId + ":" + version;
    }

    /**
     * Returns the message for when it is missing: "{@code <needer>}, an optional dependency of
     * engagement-core: add {@code <coordinates>} to the application ({@code <dependency>...})".
     *
     * @param needer what needs it, e.g. "PDF signatures need PDFBox"
     * @return the message
     */
    public String missing(String needer) {
      return needer
          + ", an optional dependency of engagement-core: add "
          + coordinates()
          + " to the application (<dependency><groupId>"
          + groupId
          + "</groupId><artifactId>"
          + artifactId
          + "</artifactId><version>"
          + version
          + "</version></dependency>)";
    }
  }

  private static Properties versions() {
    Properties p = new Properties();
    try (InputStream in = OptionalJars.class.getResourceAsStream("optional-jars.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the defaults above are then used
    }
    return p;
  }
}
