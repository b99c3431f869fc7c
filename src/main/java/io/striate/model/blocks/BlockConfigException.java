package io.striate.model.blocks;

/**
 * A biological block was configured with an invalid value. Carries a stable {@link #code()}, the offending
 * {@link #field()} (the builder/spec parameter name) and a {@link #hint()} for the user.
 */
public final class BlockConfigException extends IllegalArgumentException {
  /** Stable code of every configuration error of this package. */
  public static final String CODE = "invalid-block-parameter";

  private final String field;
  private final String hint;

  public BlockConfigException(String field, String message, String hint) {
    super(field + ": " + message + (hint == null ? "" : " (" + hint + ")"));
    this.field = field;
    this.hint = hint;
  }

  public String code() {
    return CODE;
  }

  public String field() {
    return field;
  }

  public String hint() {
    return hint;
  }

  static void require(boolean ok, String field, String message, String hint) {
    if (!ok) throw new BlockConfigException(field, message, hint);
  }
}
