package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engagement.core.Batch;
import dev.engagement.core.BatchContext;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Rollover;
import dev.engagement.core.spi.ProcessListener;
import dev.engagement.events.internal.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's events, as the listener sends them: the message shape, the order, the options. */
final class SocketIoProcessListenerTest {
  @TempDir Path temp;

  /** Records what is emitted, as {@code event arg1 arg2...} with JSON arguments. */
  static final class RecordingEmitter implements Emitter {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> messages = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void emit(String event, Object... args) {
      StringBuilder sb = new StringBuilder(event);
      for (Object a : args) {
        sb.append(' ').append(Json.tree(a));
      }
      events.add(sb.toString());
      if (args.length == 1) {
        messages.add(Json.tree(args[0]));
      }
    }
  }

  private List<ProcessEvent> runBatch(ProcessListener listener) {
    List<ProcessEvent> expected = new ArrayList<>();
    Batch.builder()
        .listener(ProcessEvent.listener(expected::add))
        .listener(listener)
        .threads(2)
        .build()
        .run(Rollover.ofDefaults(), List.of(Letters.mixed(temp.resolve("in"))), temp.resolve("out"));
    return expected;
  }

  @Test
  void sendsEveryEventOfTheBatchAsTheOriginalMessage() {
    RecordingEmitter emitter = new RecordingEmitter();
    List<ProcessEvent> expected = runBatch(SocketIoProcessListener.to(emitter));

    assertThat(emitter.events).allMatch(e -> e.startsWith("message {\"type\":"));
    assertThat(emitter.messages).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      ProcessEvent e = expected.get(i);
      JsonNode m = emitter.messages.get(i);
      assertThat(m.properties()).extracting(Map.Entry::getKey).containsExactly("type", "detail");
      assertThat(m.get("type").asText()).isEqualTo(e.type());
      assertThat(m.get("detail")).isEqualTo(Json.MAPPER.valueToTree(e.detail()));
    }
    assertThat(emitter.messages).extracting(m -> m.get("type").asText())
        .contains("process-start", "processing", "progress", "process-result", "process-error", "complete");
    JsonNode error =
        emitter.messages.stream().filter(m -> m.get("type").asText().equals("process-error")).findFirst().orElseThrow();
    assertThat(error.get("detail").properties()).extracting(Map.Entry::getKey)
        .containsExactly("error", "message", "process", "method");
  }

  @Test
  void writesTheWireFrameOfTheOriginal() throws Exception {
    RecordingEmitter emitter = new RecordingEmitter();
    SocketIoProcessListener.to(emitter)
        .progress(new BatchContext("b1", "processEngagementLetters", "POST", "Letter Processing Error", 4), 0.5);
    assertThat("42[\"message\"," + Json.MAPPER.writeValueAsString(emitter.messages.get(0)) + "]")
        .isEqualTo("42[\"message\",{\"type\":\"progress\",\"detail\":"
            + "{\"process\":\"processEngagementLetters\",\"value\":0.5}}]");
  }

  @Test
  void usesTheOriginalPagesTypeNamesWhenAsked() {
    RecordingEmitter emitter = new RecordingEmitter();
    runBatch(SocketIoProcessListener.builder(emitter).originalPageTypes().eventName("events").build());
    assertThat(emitter.events).allMatch(e -> e.startsWith("events "));
    assertThat(emitter.messages).extracting(m -> m.get("type").asText())
        .contains("process-results")
        .doesNotContain("process-result");
  }

  @Test
  void neverThrowsIntoTheBatch() {
    Emitter broken =
        (event, args) -> {
          throw new IllegalStateException("the emitter is broken");
        };
    List<ProcessEvent> expected = runBatch(SocketIoProcessListener.to(broken));
    assertThat(expected).isNotEmpty();
  }
}
