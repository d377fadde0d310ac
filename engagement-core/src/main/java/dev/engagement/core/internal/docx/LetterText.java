package dev.engagement.core.internal.docx;

import dev.engagement.core.DocumentLimits;
import dev.engagement.core.DocumentProcessingException;
import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.xml.MalformedXmlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the text of an opened letter's story parts, turning XML that is not well-formed into a
 * {@link DocumentProcessingException} that names the letter.
 *
 * <p>Thread-safe: stateless.
 */
public final class LetterText {
  private LetterText() {}

  /**
   * Reads the story parts of some kinds.
   *
   * @param pkg the opened letter
   * @param name the letter's name for messages
   * @param kinds the kinds of parts to read
   * @param limits the bounds
   */
  public static List<StoryText> read(
      DocxPackage pkg, String name, Set<StoryPart.Kind> kinds, DocumentLimits limits) {
    List<StoryText> stories = new ArrayList<>();
    for (StoryPart part : pkg.storyParts()) {
      if (!kinds.contains(part.kind())) {
        continue;
      }
      XmlPart xml = pkg.readXml(part.name());
      try {
        stories.add(StoryText.scan(xml, part.kind(), limits.maxXmlDepth()));
      } catch (MalformedXmlException e) {
        throw new DocumentProcessingException(
            "Could not read the letter", name, Stage.READ, "the document is damaged: " + e.getMessage(), e);
      }
    }
    return stories;
  }
}
