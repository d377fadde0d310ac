/** Not API. Keys and values of the result cache. */
@NullMarked
package dev.engagement.core.internal.cache;

import org.jspecify.annotations.NullMarked;
