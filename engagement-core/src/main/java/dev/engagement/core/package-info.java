/**
 * The engagement-letter jobs (rollover, and the batch that runs them), their settings and results.
 */
@NullMarked
package dev.engagement.core;

import org.jspecify.annotations.NullMarked;
