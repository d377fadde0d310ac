/**
 * Not API. Batch plumbing: guarded listeners, safe output files.
 */
@NullMarked
package dev.engagement.core.internal.batch;

import org.jspecify.annotations.NullMarked;
