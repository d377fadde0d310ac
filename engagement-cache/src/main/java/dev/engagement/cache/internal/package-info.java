/**
 * Not API. How each cache type is opened: the settings handed to the openers, and the openers of
 * the types whose jars are always there. Openers of optional jars live in their own packages and
 * are loaded by name, only once their jar is known to be present.
 */
@NullMarked
package dev.engagement.cache.internal;

import org.jspecify.annotations.NullMarked;
