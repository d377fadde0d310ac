package dev.engagement.core;

import static java.util.Objects.requireNonNull;

/**
 * A partner's hourly rate, as in the settings' {@code *_PARTNER_RATES} lists.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the partner's name, e.g. {@code Mike Taylor}
 * @param rate the rate as written in letters, e.g. {@code $275}
 * @since 0.1
 */
public record PartnerRate(String name, String rate) {
  /**
   * Checks the fields.
   *
   * @param name the partner's name
   * @param rate the rate as written in letters
   * @throws IllegalArgumentException if {@code name} or {@code rate} is blank
   */
  public PartnerRate {
    requireNonNull(name, "name");
    requireNonNull(rate, "rate");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (rate.isBlank()) {
      throw new IllegalArgumentException("rate must not be blank");
    }
  }

  /**
   * Returns how a letter writes it: the name, an en dash, the rate.
   *
   * @return e.g. {@code Mike Taylor–$275}
   */
  public String asWritten() {
    return name + "\u2013" + rate;
  }
}
