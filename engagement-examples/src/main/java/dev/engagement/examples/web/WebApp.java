package dev.engagement.examples.web;

import dev.engagement.core.LibreOfficeConverter;
import dev.engagement.events.CsrfTokens;
import dev.engagement.events.Emitter;
import dev.engagement.events.SocketIoServer;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What the servlets of one server share: the configuration, settings, CSRF tokens, the Socket.IO
 * server (and the Redis its events go through), the batches, the result caches, the LibreOffice
 * pool (started on the first print) and the per-client limits. Thread-safe.
 */
final class WebApp {
  final WebConfig config;
  final SettingsStore settings;
  final CsrfTokens csrf;
  final SocketIoServer io;
  final Batches batches;
  final Caches caches;
  /** The Redis that events of several instances go through, or null when this one runs alone. */
  final @Nullable String redisUrl;
  final RateLimits limits = new RateLimits(Clock.systemUTC());
  final Path work;
  private @Nullable LibreOfficeConverter office;
  private boolean closed;

  WebApp(
      WebConfig config,
      SettingsStore settings,
      SocketIoServer io,
      @Nullable String redisUrl,
      Batches batches,
      Path work) {
    this.config = config;
    this.caches = new Caches(config.redisUrl());
    this.redisUrl = redisUrl;
    this.settings = settings;
    this.csrf = config.csrf();
    this.io = io;
    this.batches = batches;
    this.work = work;
  }

  /**
   * Returns where a batch's events go: the page whose Socket.IO id the upload named, or every
   * page when it named none (as the original app did).
   */
  Emitter emitter(@Nullable String sid) {
    return sid == null || sid.isBlank() ? io : io.to(sid.strip());
  }

  /** Returns the folder of signature files: the configured one, else images/signatures beside the settings. */
  Path signatures() {
    Path configured = config.signatures();
    return configured != null ? configured : settings.folder().resolve("images").resolve("signatures");
  }

  /** Returns the LibreOffice pool, started on first use. */
  synchronized LibreOfficeConverter office() {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    if (office == null) {
      office = LibreOfficeConverter.builder().build();
    }
    return office;
  }

  /** Stops the LibreOffice pool and closes the caches. */
  void close() {
    LibreOfficeConverter o;
    synchronized (this) {
      closed = true;
      o = office;
      office = null;
    }
    try {
      if (o != null) {
        o.close();
      }
    } finally {
      caches.close();
    }
  }
}
