/**
 * Not API. The Redis pub/sub under {@link dev.engagement.events.RedisBroadcast}, through Redisson
 * (an optional dependency): only this package touches Redisson's classes, and only once the API
 * has checked that they are there.
 */
@NullMarked
package dev.engagement.events.internal.redis;

import org.jspecify.annotations.NullMarked;
