/** JCache providers under the original app's cache type names (not built yet: see the cache issue). */
@NullMarked
package dev.engagement.cache;

import org.jspecify.annotations.NullMarked;
