/**
 * Extension points of the core: listeners of batches.
 */
@NullMarked
package dev.engagement.core.spi;

import org.jspecify.annotations.NullMarked;
