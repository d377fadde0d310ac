package dev.engagement.examples.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * {@code GET /static/...}: the pages' CSS and ES modules, and socket.io-client's bundle ({@code
 * /static/vendor/socket.io.esm.min.js}), from the jar. Names are checked against a small alphabet;
 * nothing outside this package's {@code static/} resources can be read.
 */
final class StaticFiles extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> TYPES =
      Map.of(
          "css", "text/css;charset=UTF-8",
          "js", "text/javascript;charset=UTF-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon");

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (type == null || !name.matches("(vendor/)?[a-z0-9][a-z0-9._-]*") || name.contains("..")) {
      res.sendError(404);
      return;
    }
    try (InputStream in = StaticFiles.class.getResourceAsStream("static/" + name)) {
      if (in == null) {
        res.sendError(404);
        return;
      }
      byte[] bytes = in.readAllBytes();
      res.setContentType(type);
      res.setHeader("Cache-Control", "no-cache");
      res.setContentLength(bytes.length);
      res.getOutputStream().write(bytes);
    }
  }
}
