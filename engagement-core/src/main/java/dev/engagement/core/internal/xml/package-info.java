/**
 * Not API. A strict XML scanner that keeps source offsets, for minimal edits.
 */
@NullMarked
package dev.engagement.core.internal.xml;

import org.jspecify.annotations.NullMarked;
