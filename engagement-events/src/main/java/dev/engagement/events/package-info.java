/** Socket.IO messages over Jakarta WebSocket (not built yet: see the events issue). */
@NullMarked
package dev.engagement.events;

import org.jspecify.annotations.NullMarked;
