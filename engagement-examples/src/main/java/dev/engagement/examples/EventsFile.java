package dev.engagement.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.ProcessEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes events as JSON lines, {@code {"type": ..., "detail": ...}}, flushed line by line so the
 * file can be followed while the batch runs. Not thread-safe: used from the batch's thread.
 */
final class EventsFile implements AutoCloseable {
  private final BufferedWriter writer;

  private EventsFile(BufferedWriter writer) {
    this.writer = writer;
  }

  static EventsFile open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new EventsFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  void write(ProcessEvent event) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", event.type());
    o.set("detail", Json.MAPPER.valueToTree(event.detail()));
    try {
      writer.write(Json.MAPPER.writeValueAsString(o));
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the events file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
