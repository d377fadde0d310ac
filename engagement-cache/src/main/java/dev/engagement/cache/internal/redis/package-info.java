/**
 * Not API. RedisCache, RedisSentinelCache and RedisClusterCache through Redisson's JCache
 * provider. The only code that sees Redisson; loaded only when its jar is present.
 */
@NullMarked
package dev.engagement.cache.internal.redis;

import org.jspecify.annotations.NullMarked;
