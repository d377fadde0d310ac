/**
 * Not API. The rollover rules: years, fee sentences, file names.
 */
@NullMarked
package dev.engagement.core.internal.rollover;

import org.jspecify.annotations.NullMarked;
