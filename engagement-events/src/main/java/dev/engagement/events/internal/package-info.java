/**
 * Not API. The Engine.IO v4 / Socket.IO v5 engine behind {@link
 * dev.engagement.events.SocketIoServer}: the Jakarta WebSocket endpoint, one session per
 * connection with its ordered outbound queue, namespaces and rooms, the packet codec. Public only
 * where the API package or a container needs it; it may change in any release.
 */
@NullMarked
package dev.engagement.events.internal;

import org.jspecify.annotations.NullMarked;
