/** Not API. When two spellings of a person's name are the same partner. */
@NullMarked
package dev.engagement.core.internal.names;

import org.jspecify.annotations.NullMarked;
