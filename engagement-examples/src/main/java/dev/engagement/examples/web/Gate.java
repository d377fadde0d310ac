package dev.engagement.examples.web;

import dev.engagement.events.SocketIoServer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What every request passes first: headers that keep the pages out of frames and sniffing, and,
 * for {@code /socket.io/}, the checks before the WebSocket upgrade: a plain HTTP request gets 400
 * (WebSocket only), a bad Engine.IO query 400, and a handshake whose {@code Origin} is not this
 * server's own ({@code http://} + its {@code Host}) 403, so no other site's page can listen to
 * the events or take CSRF tokens from them.
 */
final class Gate implements Filter {
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/socket.io/") || path.equals("/socket.io")) {
      String upgrade = request.getHeader("Upgrade");
      if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
        refuse(response, 400, "Bad request: this server offers Socket.IO over WebSocket only (transports: ['websocket'])");
        return;
      }
      Optional<String> error =
          SocketIoServer.handshakeError(
              request.getParameter("EIO"), request.getParameter("transport"), request.getParameter("sid"));
      if (error.isPresent()) {
        refuse(response, 400, error.get());
        return;
      }
      String origin = request.getHeader("Origin");
      String host = request.getHeader("Host");
      if (origin != null && (host == null || !sameOrigin(origin, host))) {
        refuse(response, 403, "Forbidden: a page of another site (" + origin + ") may not connect here");
        return;
      }
    }
    chain.doFilter(req, res);
  }

  static boolean sameOrigin(String origin, String host) {
    String o = origin.toLowerCase(Locale.ROOT);
    String h = host.toLowerCase(Locale.ROOT);
    return o.equals("http://" + h) || o.equals("https://" + h);
  }

  private static void refuse(HttpServletResponse response, int code, String message) throws IOException {
    response.setStatus(code);
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
  }
}
