/**
 * Not API. MemcachedCache, SASLMemcachedCache and SpreadSASLMemcachedCache: our JCache provider
 * over the xmemcached client (binary protocol, SASL PLAIN, chunked values). The only code that
 * sees xmemcached; loaded only when its jar is present.
 */
@NullMarked
package dev.engagement.cache.internal.memcached;

import org.jspecify.annotations.NullMarked;
