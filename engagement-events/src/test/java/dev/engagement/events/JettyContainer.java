package dev.engagement.events;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

/** Embedded Jetty 12 (ee10) with its Jakarta WebSocket support. */
final class JettyContainer implements TestContainer {
  private @Nullable Server jetty;

  @Override
  public int start(SocketIoServer server, Path workDir) throws Exception {
    Server s = new Server();
    ServerConnector connector = new ServerConnector(s);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    s.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    s.setHandler(context);
    JakartaWebSocketServletContainerInitializer.configure(
        context, (servletContext, container) -> server.register(container));
    jetty = s;
    s.start();
    return connector.getLocalPort();
  }

  @Override
  public String name() {
    return "Jetty 12";
  }

  @Override
  public void close() {
    Server s = jetty;
    jetty = null;
    if (s != null) {
      try {
        s.stop();
      } catch (Exception e) {
        throw new IllegalStateException("Jetty did not stop", e);
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
