/**
 * Not API. The output side of one batch: temporary files named after the process that made
 * them, placing under free names in input order, previews for dry runs, and the removal of
 * temporary files that dead processes left behind. Knows nothing of letters or results.
 */
@NullMarked
package dev.engagement.core.internal.batch;

import org.jspecify.annotations.NullMarked;
