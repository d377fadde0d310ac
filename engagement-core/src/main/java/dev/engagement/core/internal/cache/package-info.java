/**
 * Not API. The bytes of the result cache: keys, and the frame (lengths and SHA-256) that makes a
 * damaged value detectable. Knows nothing of results; the batch maps them to and from the
 * frame's header.
 */
@NullMarked
package dev.engagement.core.internal.cache;

import org.jspecify.annotations.NullMarked;
