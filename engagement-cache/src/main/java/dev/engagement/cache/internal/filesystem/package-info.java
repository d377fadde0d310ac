/**
 * Not API. FileSystemCache: a JCache provider keeping one file per entry in a folder, with
 * cachelib's semantics (hashed names, an expiry header, a count threshold, a file mode, atomic
 * renames), safe with several processes sharing the folder.
 */
@NullMarked
package dev.engagement.cache.internal.filesystem;

import org.jspecify.annotations.NullMarked;
