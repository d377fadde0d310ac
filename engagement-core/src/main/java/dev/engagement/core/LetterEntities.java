package dev.engagement.core;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the entity check found in a letter: the client's address (street line(s), a line break,
 * {@code City, ST 12345}) and the entity rows. It is the {@link FileResult#detail(Class)} of an
 * {@link EntityCheck} result.
 *
 * <p>Immutable and thread-safe.
 *
 * @param address the client's address, or null if none was found
 * @param entities the rows under the "Name of Entity / Type of Return" header, in order
 * @since 0.1
 */
public record LetterEntities(@Nullable String address, List<Entity> entities) {
  /**
   * Copies the list.
   *
   * @param address the client's address, or null if none was found
   * @param entities the entity rows, in order
   */
  public LetterEntities {
    entities = List.copyOf(entities);
  }

  /**
   * Returns the address, if one was found.
   *
   * @return the address, or empty if the letter has none the check could recognize
   */
  public Optional<String> addressIfFound() {
    return Optional.ofNullable(address);
  }
}
