/**
 * The web app of {@code engagement serve}: the original app's five pages, its upload routes and
 * live progress over Socket.IO, on embedded Tomcat, built on the library's public API. An example
 * of embedding the library in a server; not a library itself.
 */
@NullMarked
package dev.engagement.examples.web;

import org.jspecify.annotations.NullMarked;
