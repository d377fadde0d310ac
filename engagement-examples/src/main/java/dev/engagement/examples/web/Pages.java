package dev.engagement.examples.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.cache.CacheConfigurationException;
import dev.engagement.core.Setting;
import dev.engagement.core.Settings;
import dev.engagement.core.SettingsException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five pages (Rollover {@code /}, Entity Check {@code /entityChecker}, PDF Printer {@code
 * /pdfPrinter}, PDF Signatures {@code /pdfSignatures}, Settings {@code /settings}) and {@code POST
 * /settings}. Each page carries a fresh CSRF token in {@code <meta name="csrf-token">} and a hidden
 * input {@code csrf-token}, so it is never cached ({@code Cache-Control: no-store}).
 */
final class Pages extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger logger = LoggerFactory.getLogger(Pages.class);
  private static final int MAX_SETTINGS_BODY = 1024 * 1024;

  private final transient WebApp app;

  Pages(WebApp app) {
    this.app = app;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String path = req.getServletPath();
    String html;
    if (path.equals("/settings")) {
      html = page("settings", "Settings", "Settings", "The firm's folders, cache and rates", settingsForm(), req);
    } else {
      JobKind kind = path.isEmpty() || path.equals("/") ? JobKind.ROLLOVER : JobKind.ofPage(path);
      html = page(kind.name().toLowerCase(java.util.Locale.ROOT), kind.title, kind.title, kind.subtitle, jobContent(kind), req);
    }
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    res.setStatus(200);
    res.setContentType("text/html;charset=UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("Pragma", "no-cache");
    res.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; connect-src 'self' ws://" + host(req) + " wss://" + host(req)
            + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }

  private static String host(HttpServletRequest req) {
    String h = req.getHeader("Host");
    return h == null || !h.matches("[A-Za-z0-9.\\-\\[\\]:]+") ? req.getServerName() + ":" + req.getServerPort() : h;
  }

  /** {@code POST /settings}: the JSON list of settings; validated, saved atomically. */
  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (!req.getServletPath().equals("/settings")) {
      WebJson.error(res, 405, "Only the settings can be posted here.");
      return;
    }
    String token = req.getHeader("X-CSRFToken");
    if (token == null) {
      token = req.getHeader("X-CSRF-Token");
    }
    if (token == null) {
      token = req.getParameter("csrf_token");
    }
    if (token == null || !app.csrf.isValid(token)) {
      String sid = req.getHeader("X-Socket-Id");
      WebEvents.send(app.emitter(sid), WebEvents.error("CSRF Error",
          "The CSRF token is missing, invalid or expired: reload the page and try again.", "settings"));
      WebJson.error(res, 400, "The CSRF token is missing, invalid or expired: reload the page and try again.");
      return;
    }
    byte[] body = req.getInputStream().readNBytes(MAX_SETTINGS_BODY + 1);
    if (body.length > MAX_SETTINGS_BODY) {
      WebJson.error(res, 413, "The settings are too large.");
      return;
    }
    try {
      app.settings.save(new String(body, StandardCharsets.UTF_8), Pages::checkCache);
      WebJson.send(res, 200, WebJson.answer("success", "Settings saved to " + app.settings.file().getFileName()
          + "; the next batch uses them."));
    } catch (SettingsException e) {
      ObjectNode o = WebJson.answer("error", e.getMessage().replace(app.settings.folder().toString(), ""));
      e.key().ifPresent(k -> o.put("field", k));
      WebJson.send(res, 400, o);
    } catch (UncheckedIOException e) {
      logger.error("Could not save the settings", e);
      WebJson.error(res, 500, "The settings could not be saved: see the server log.");
    }
  }

  private static void checkCache(Settings s) {
    s.find(Settings.CACHE_TYPE).ifPresent(t -> {
      if (!(t.value() instanceof String)) {
        throw new SettingsException("the settings form", Settings.CACHE_TYPE, "must be a string", null);
      }
      try {
        Caches.check((String) t.value());
      } catch (CacheConfigurationException e) {
        throw new SettingsException("the settings form", Settings.CACHE_TYPE, e.getMessage(), e);
      }
    });
  }

  private String page(String id, String title, String heading, String subtitle, String main, HttpServletRequest req) {
    String token = app.csrf.issue();
    StringBuilder nav = new StringBuilder();
    for (JobKind k : JobKind.values()) {
      nav.append(link(k.page, k.title, k.name().toLowerCase(java.util.Locale.ROOT).equals(id)));
    }
    nav.append(link("/settings", "Settings", id.equals("settings")));
    return Html.render(
        "layout.html",
        Map.of(
            "title", Html.escape(title),
            "heading", Html.escape(heading),
            "subtitle", Html.escape(subtitle),
            "page", id,
            "script", id.equals("settings") ? "settings" : "job",
            "csrf", Html.escape(token),
            "nav", nav.toString(),
            "banner", banner(),
            "main", main));
  }

  private static String link(String href, String label, boolean active) {
    return "<a href=\"" + href + "\"" + (active ? " class=\"active\" aria-current=\"page\"" : "") + ">"
        + Html.escape(label) + "</a>";
  }

  private String banner() {
    switch (app.settings.origin()) {
      case EXAMPLE:
        return "<div class=\"banner example\" role=\"alert\"><strong>Example settings in use.</strong> The"
            + " partner names and rates are a fictional firm's, and letters rolled now get them. Enter"
            + " your firm's on the <a href=\"/settings\">Settings</a> page and save.</div>";
      case NO_FILE:
        return "<div class=\"banner example\" role=\"alert\"><strong>No settings saved yet.</strong> Fee"
            + " paragraphs are left as they are until your firm's partners and rates are saved on the"
            + " <a href=\"/settings\">Settings</a> page.</div>";
      default:
        return "";
    }
  }

  private String jobContent(JobKind kind) {
    String extra;
    switch (kind) {
      case ROLLOVER:
        extra = "<label class=\"option\">Years that roll <select name=\"years\" id=\"years\">"
            + "<option value=\"window\" selected>The letter's year and its neighbours (recommended)</option>"
            + "<option value=\"all\">Every year from 2000 to 2099, as the old app did</option></select></label>";
        break;
      case PRINT:
        extra = "<label class=\"option\"><input type=\"checkbox\" name=\"acceptChanges\" id=\"acceptChanges\">"
            + " Accept tracked changes before printing (else letters with tracked changes are refused)</label>";
        break;
      case SIGN:
        extra = signatureChooser();
        break;
      default:
        extra = "";
    }
    return Html.render(
        "job.html",
        Map.of(
            "process", kind.process,
            "action", kind.route,
            "field", kind.field,
            "accept", kind.accept,
            "button", Html.escape(buttonLabel(kind)),
            "preview", kind == JobKind.ROLLOVER
                ? "<button type=\"button\" id=\"preview\" class=\"secondary\">Preview the changes</button>"
                : "",
            "extra", extra,
            "results", Html.escape(kind == JobKind.ENTITIES ? "Entity table" : kind.title + " results")));
  }

  private static String buttonLabel(JobKind kind) {
    return switch (kind) {
      case ROLLOVER -> "Roll over";
      case ENTITIES -> "Check entities";
      case PRINT -> "Print to PDF";
      default -> "Add signatures";
    };
  }

  private String signatureChooser() {
    List<String> found = new ArrayList<>();
    java.nio.file.Path dir = app.signatures();
    if (java.nio.file.Files.isDirectory(dir)) {
      try (var s = java.nio.file.Files.list(dir)) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.toLowerCase(java.util.Locale.ROOT).matches(".*\\.(pdf|png)"))
            .sorted()
            .forEach(found::add);
      } catch (IOException | UncheckedIOException e) {
        logger.warn("Could not list the signatures folder {}", dir, e);
      }
    }
    String inFolder = found.isEmpty()
        ? "none found in the server's signatures folder"
        : "from the server's signatures folder: " + Html.escape(String.join(", ", found));
    return "<div class=\"option signatures\"><span>Signatures: <span id=\"signature-source\">" + inFolder
        + "</span>.</span> <button type=\"button\" class=\"secondary\" id=\"pick-signatures\">Use other signature files"
        + "</button><input type=\"file\" id=\"signatures\" name=\"signatures\" accept=\".pdf,.png\" multiple hidden>"
        + "<p class=\"hint\">Signature files are named after the partner: First_Last.pdf (one page) or First_Last.png.</p></div>";
  }

  private String settingsForm() {
    Settings s = app.settings.current();
    StringBuilder h = new StringBuilder(8192);
    String file = app.settings.fileName();
    h.append("<form id=\"settings-form\" novalidate>\n");
    h.append("<p class=\"hint\">").append(file == null
        ? "Saving writes user-config.json in the server's folder."
        : "Saved in " + Html.escape(file) + " on the server.").append("</p>\n");
    for (Setting e : s.entries()) {
      String key = e.configName();
      String label = e.name() != null ? e.name() : labelExtra(key);
      h.append("<div class=\"setting\" data-key=\"").append(Html.escape(key))
          .append("\" data-type=\"").append(Html.escape(e.type()))
          .append("\" data-id=\"").append(Html.escape(e.id() == null ? "" : e.id()))
          .append("\" data-name=\"").append(Html.escape(e.name() == null ? "" : e.name()))
          .append("\" data-description=\"").append(Html.escape(e.description() == null ? "" : e.description()))
          .append("\">\n");
      h.append("<label for=\"s-").append(Html.escape(key)).append("\">").append(Html.escape(label)).append("</label>\n");
      if (e.type().equals("list")) {
        listRows(h, key, (List<?>) e.value());
      } else if (key.equals(Settings.CACHE_TYPE)) {
        Set<String> types = new LinkedHashSet<>(Caches.available());
        String value = String.valueOf(e.value());
        types.add(value);
        h.append("<select id=\"s-").append(Html.escape(key)).append("\" class=\"value\">");
        for (String t : types) {
          h.append("<option").append(t.equals(value) ? " selected" : "").append(">").append(Html.escape(t)).append("</option>");
        }
        h.append("</select>\n");
      } else {
        h.append("<input id=\"s-").append(Html.escape(key)).append("\" class=\"value\" type=\"")
            .append(e.type().equals("number") ? "number\" step=\"1\" min=\"0" : "text")
            .append("\" value=\"").append(Html.escape(String.valueOf(e.value()))).append("\">\n");
      }
      String description = e.description() != null ? e.description() : describeExtra(key);
      if (!description.isEmpty()) {
        h.append("<p class=\"description\">").append(Html.escape(description)).append("</p>\n");
      }
      if (app.config.redisUrl() != null && (key.equals(Settings.CACHE_TYPE) || key.equals(SettingsStore.CACHE_REDIS_URL))) {
        h.append("<p class=\"description note\">This server was started with --redis: its result cache is"
            + " RedisCache on that Redis, whatever this setting says.</p>\n");
      }
      h.append("<p class=\"field-error\" role=\"alert\" hidden></p>\n</div>\n");
    }
    h.append("<div class=\"actions\"><button type=\"submit\" id=\"save\">Save settings</button>")
        .append("<span id=\"settings-status\" role=\"status\"></span></div>\n</form>\n");
    h.append("<p class=\"hint\">Cache types available on this server: ")
        .append(Html.escape(String.join(", ", Caches.available()))).append(".</p>\n");
    if (app.redisUrl != null) {
      h.append("<p class=\"hint\" id=\"instances\">Events go through the Redis at ")
          .append(Html.escape(RedisUrls.safe(app.redisUrl)))
          .append(": a page connected to any server on it sees every batch. Settings are saved on this"
              + " server only; give every server the same settings.</p>\n");
    }
    return h.toString();
  }

  /** Returns the label of a setting without a name: the web app's own ones get one, with their key. */
  private static String labelExtra(String key) {
    return switch (key) {
      case SettingsStore.DAILY_LIMIT -> "Uploads per Day (DAILY_LIMIT)";
      case SettingsStore.HOURLY_LIMIT -> "Uploads per Hour (HOURLY_LIMIT)";
      case SettingsStore.CACHE_REDIS_URL -> "Redis URL (CACHE_REDIS_URL)";
      default -> key;
    };
  }

  private static String describeExtra(String key) {
    return switch (key) {
      case SettingsStore.DAILY_LIMIT -> "Uploads one computer may make in a day (0: no limit).";
      case SettingsStore.HOURLY_LIMIT -> "Uploads one computer may make in an hour (0: no limit).";
      case SettingsStore.CACHE_REDIS_URL -> "The Redis of RedisCache, as redis://[[user]:password@]host[:port][/db]"
          + " (empty: the one in _cache_config.json, else localhost:6379). When the server starts with"
          + " CACHE_TYPE RedisCache and a URL, its events go through this Redis too, so that several servers"
          + " behind one load balancer act as one.";
      default -> "";
    };
  }

  private static void listRows(StringBuilder h, String key, List<?> value) {
    List<String> columns = new ArrayList<>();
    boolean scalars = !value.isEmpty() && !(value.get(0) instanceof Map);
    if (!scalars) {
      for (Object o : value) {
        for (Object k : ((Map<?, ?>) o).keySet()) {
          if (!columns.contains(String.valueOf(k))) {
            columns.add(String.valueOf(k));
          }
        }
      }
      if (columns.isEmpty()) {
        columns.addAll(List.of("name", "rate"));
      }
    }
    h.append("<fieldset class=\"rows\" id=\"s-").append(Html.escape(key)).append("\" data-columns=\"")
        .append(Html.escape(String.join(",", columns))).append("\">\n");
    h.append("<legend class=\"sr-only\">").append(Html.escape(key)).append("</legend>\n");
    for (Object o : value) {
      h.append("<div class=\"row\">");
      if (scalars) {
        h.append("<input type=\"text\" data-col=\"\" value=\"").append(Html.escape(String.valueOf(o))).append("\">");
      } else {
        Map<?, ?> m = (Map<?, ?>) o;
        for (String c : columns) {
          Object v = m.get(c);
          h.append("<input type=\"text\" data-col=\"").append(Html.escape(c)).append("\" placeholder=\"")
              .append(Html.escape(c)).append("\" aria-label=\"").append(Html.escape(c)).append("\" value=\"")
              .append(Html.escape(v == null ? "" : String.valueOf(v))).append("\">");
        }
      }
      h.append("<button type=\"button\" class=\"remove\" title=\"Remove this row\">Remove</button></div>\n");
    }
    h.append("<button type=\"button\" class=\"add secondary\">Add a row</button>\n</fieldset>\n");
  }
}
