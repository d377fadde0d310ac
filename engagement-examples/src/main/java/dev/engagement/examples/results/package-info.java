/**
 * Not API: the JSON of a letter's changes, shared by the command line's report and the web app's
 * result lines, so that neither package depends on the other.
 */
@NullMarked
package dev.engagement.examples.results;

import org.jspecify.annotations.NullMarked;
