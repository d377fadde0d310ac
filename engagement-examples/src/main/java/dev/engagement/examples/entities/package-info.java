/**
 * Not API: the entity check's outputs (JSON, CSV, an Excel workbook, a table for people), shared
 * by the {@code entities} command and the web app's downloads, so that neither package depends on
 * the other.
 */
@NullMarked
package dev.engagement.examples.entities;

import org.jspecify.annotations.NullMarked;
