/**
 * Not API. A complete JCache (JSR-107) cache over a small byte-level {@link
 * dev.engagement.cache.internal.jcache.Store}: listeners, loaders, writers, entry processors,
 * expiry, statistics and management beans, shared by the file-system and memcached providers.
 */
@NullMarked
package dev.engagement.cache.internal.jcache;

import org.jspecify.annotations.NullMarked;
