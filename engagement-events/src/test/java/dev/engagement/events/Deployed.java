package dev.engagement.events;

import java.net.URI;
import java.nio.file.Path;

/** A server registered in a started test container. */
final class Deployed implements AutoCloseable {
  final TestContainer container;
  final SocketIoServer server;
  final int port;

  private Deployed(TestContainer container, SocketIoServer server, int port) {
    this.container = container;
    this.server = server;
    this.port = port;
  }

  static Deployed start(TestContainer container, SocketIoServer server, Path workDir)
      throws Exception {
    try {
      return new Deployed(container, server, container.start(server, workDir));
    } catch (Exception | Error e) {
      server.close();
      container.close();
      throw e;
    }
  }

  URI ws() {
    return TestContainer.ws(port);
  }

  URI ws(String query) {
    return TestContainer.ws(port, query);
  }

  FrameClient connect() {
    return FrameClient.connect(ws());
  }

  /** Connects and joins the main namespace; the open packet and the 40 reply are read. */
  FrameClient joined() throws InterruptedException {
    FrameClient c = connect();
    c.nextText();
    c.send("40");
    String reply = c.nextMessage();
    if (!reply.startsWith("40{\"sid\":")) {
      throw new AssertionError("expected the 40 reply but got " + reply);
    }
    return c;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      container.close();
    }
  }
}
