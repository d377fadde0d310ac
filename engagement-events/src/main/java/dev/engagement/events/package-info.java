/**
 * The core's events as Socket.IO messages over any Jakarta WebSocket container: a Socket.IO v5 /
 * Engine.IO v4 server (WebSocket transport only) at {@code /socket.io/}, a {@code
 * ProcessListener} that broadcasts the original app's {@code {"type", "detail"}} messages, and
 * CSRF tokens signed with the application's {@code SECRET_KEY}.
 */
@NullMarked
package dev.engagement.events;

import org.jspecify.annotations.NullMarked;
