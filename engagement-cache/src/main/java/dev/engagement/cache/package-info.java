/**
 * The original app's cache types (Flask-Caching's {@code CACHE_TYPE} names) as configured JCache
 * caches, and the core's {@link dev.engagement.core.spi.ResultCache} over any JCache cache: start
 * at {@link dev.engagement.cache.EngagementCaches}.
 */
@NullMarked
package dev.engagement.cache;

import org.jspecify.annotations.NullMarked;
