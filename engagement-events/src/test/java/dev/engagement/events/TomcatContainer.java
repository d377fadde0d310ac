package dev.engagement.events;

import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.server.ServerContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.websocket.server.WsSci;
import org.jspecify.annotations.Nullable;

/** Embedded Tomcat (11, or 10.1 in the {@code tomcat-10.1} test run) with its WebSocket support. */
final class TomcatContainer implements TestContainer {
  private @Nullable Tomcat tomcat;

  @Override
  public int start(SocketIoServer server, Path workDir) throws Exception {
    String wanted = System.getProperty("engagement.test.tomcat");
    if (wanted != null && !ServerInfo.getServerNumber().startsWith(wanted + ".")) {
      throw new IllegalStateException(
          "this run is for Tomcat " + wanted + " but the class path has " + ServerInfo.getServerInfo());
    }
    Path base = Files.createDirectories(workDir.resolve("tomcat"));
    Tomcat t = new Tomcat();
    t.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    t.setConnector(connector);
    Context context = t.addContext("", base.toString());
    if (context instanceof StandardContext standard) {
      // the leak checks need --add-opens and only make noise here
      standard.setClearReferencesThreadLocals(false);
      standard.setClearReferencesRmiTargets(false);
    }
    // Tomcat runs filters (its WebSocket upgrade filter among them) only for requests that a
    // servlet is mapped to: a bare context needs one for "/"
    Tomcat.addServlet(context, "default", new HttpServlet() {
      private static final long serialVersionUID = 1L;
    });
    context.addServletMapping("/", "default");
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(
        (classes, servletContext) ->
            server.register(
                (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName())),
        null);
    tomcat = t;
    t.start();
    if (context.getState() != LifecycleState.STARTED) {
      throw new IllegalStateException("Tomcat's context did not start: " + context.getState());
    }
    return connector.getLocalPort();
  }

  @Override
  public String name() {
    return "Tomcat " + ServerInfo.getServerNumber().replaceFirst("\\.0$", "");
  }

  @Override
  public void close() {
    Tomcat t = tomcat;
    tomcat = null;
    if (t != null) {
      try {
        t.stop();
        t.destroy();
      } catch (LifecycleException e) {
        throw new IllegalStateException("Tomcat did not stop", e);
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
