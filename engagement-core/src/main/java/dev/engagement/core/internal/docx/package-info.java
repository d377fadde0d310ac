/**
 * Not API. Word packages: zip handling, story parts, the paragraph text model and its edits.
 */
@NullMarked
package dev.engagement.core.internal.docx;

import org.jspecify.annotations.NullMarked;
