/** Runnable examples: the engagement command line. Not a library: prints to the console. */
@NullMarked
package dev.engagement.examples;

import org.jspecify.annotations.NullMarked;
