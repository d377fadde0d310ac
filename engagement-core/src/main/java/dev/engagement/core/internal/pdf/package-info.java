/** Not API. PDF printing and signatures: LibreOffice, tracked changes, text positions, stamping. */
@NullMarked
package dev.engagement.core.internal.pdf;

import org.jspecify.annotations.NullMarked;
