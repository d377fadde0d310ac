/** Not API. The entity check: the client's address and the entity rows of a letter. */
@NullMarked
package dev.engagement.core.internal.entities;

import org.jspecify.annotations.NullMarked;
