package dev.engagement.events;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded WebSocket container for the tests, on 127.0.0.1 and a free port, with the Socket.IO
 * endpoint registered through {@link SocketIoServer#register}.
 */
interface TestContainer extends AutoCloseable {
  /** Starts the container with the server's endpoint; returns its port. */
  int start(SocketIoServer server, Path workDir) throws Exception;

  /** The container's name, for test names. */
  String name();

  @Override
  void close();

  /** Returns the WebSocket URL of the endpoint with a query. */
  static URI ws(int port, String query) {
    return URI.create("ws://127.0.0.1:" + port + SocketIoServer.PATH + query);
  }

  /** Returns the standard WebSocket URL of the endpoint. */
  static URI ws(int port) {
    return ws(port, "?EIO=4&transport=websocket");
  }

  /**
   * Returns one container of each kind, not started: Tomcat (whichever version is on the class
   * path: 11 in the default test run, 10.1 in the {@code tomcat-10.1} run) and Jetty 12, or only
   * those named in the system property {@code engagement.test.containers} ({@code tomcat},
   * {@code jetty}, comma-separated).
   */
  static List<TestContainer> all() {
    String only = System.getProperty("engagement.test.containers", "tomcat,jetty");
    List<String> names = List.of(only.split(","));
    List<TestContainer> all = new ArrayList<>();
    if (names.contains("tomcat")) {
      all.add(new TomcatContainer());
    }
    if (names.contains("jetty")) {
      all.add(new JettyContainer());
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("engagement.test.containers names no container: " + only);
    }
    return all;
  }
}
