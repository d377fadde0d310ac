package dev.engagement.core;

import static java.util.Objects.requireNonNull;

/**
 * One row of a letter's "Name of Entity / Type of Return" list.
 *
 * <p>Immutable and thread-safe.
 *
 * @param nameOfEntity the entity, e.g. {@code Smith Rentals LLC}
 * @param typeOfReturn its return, e.g. {@code Form 1065}
 * @since 0.1
 */
public record Entity(String nameOfEntity, String typeOfReturn) {
  /**
   * Checks the fields.
   *
   * @param nameOfEntity the entity, e.g. {@code Smith Rentals LLC}
   * @param typeOfReturn its return, e.g. {@code Form 1065}
   */
  public Entity {
    requireNonNull(nameOfEntity, "nameOfEntity");
    requireNonNull(typeOfReturn, "typeOfReturn");
  }
}
