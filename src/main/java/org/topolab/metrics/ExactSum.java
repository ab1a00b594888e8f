package org.topolab.metrics;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The exact sum of any number of doubles, whatever their order, magnitudes and signs: the same
 * values give the same sum however they are split up and merged, so metrics that sum doubles
 * report the same in one partition and in many.
 *
 * <p>It is a fixed-point number wide enough for every double: bit 0 is worth 2^-1074 (the
 * smallest subnormal), bit 2097 holds the top of the largest double. The bits are kept in limbs of
 * 32 bits, each in a {@code long}, so that adding a double touches two or three limbs and never
 * carries at once: the spare high bits of each limb absorb the carries until they are normalised,
 * every 2^20 additions and before the sum is read. Infinities and NaN are summed apart, as doubles
 * (their sum does not depend on the order either), and win over the finite part.
 *
 * <p>Not synchronised: the metrics that hold it guard it, as they guard their other fields.
 */
public final class ExactSum {

  private static final int LIMB_BITS = 32;
  private static final long LIMB_MASK = 0xFFFF_FFFFL;
  // Bit positions 0 to 2097 need 66 limbs of 32 bits; the top one also keeps the carries out of it.
  private static final int LIMBS = 66;
  private static final int MANTISSA_BITS = 52;
  private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;
  private static final int SPECIAL_EXPONENT = 0x7FF;
  // An addition puts less than 2^32 into a limb; limbs stay far inside a long between normalisations.
  static final int ADDITIONS_PER_NORMALISATION = 1 << 20;
  // 2^-1074 as a decimal fraction: the fixed-point integer times 5^1074, scale 1074.
  private static final int SCALE = 1074;
  private static final BigInteger FIVE_TO_SCALE = BigInteger.valueOf(5).pow(SCALE);

  private final long[] limbs = new long[LIMBS];
  private int additions;
  // The sum of the infinities and NaNs added; 0 while there are none.
  private double special;

  /** Adds {@code x} exactly. */
  public void add(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int exponent = (int) (bits >>> MANTISSA_BITS) & SPECIAL_EXPONENT;
    if (exponent == SPECIAL_EXPONENT) {
      special += x;
      return;
    }
    long mantissa = bits & MANTISSA_MASK;
    // The value is mantissa x 2^(position - 1074): a subnormal has no hidden bit and position 0.
    int position = 0;
    if (exponent != 0) {
      mantissa |= 1L << MANTISSA_BITS;
      position = exponent - 1;
    }
    if (mantissa == 0) {
      return;
    }
    int limb = position / LIMB_BITS;
    int shift = position % LIMB_BITS;
    // mantissa << shift spans up to 84 bits: cut into the limb's 32, the next 32 and the rest.
    long low = (mantissa << shift) & LIMB_MASK;
    long middle = (mantissa >>> (LIMB_BITS - shift)) & LIMB_MASK;
    long high = shift == 0 ? 0 : mantissa >>> (2 * LIMB_BITS - shift);
    if (bits < 0) {
      limbs[limb] -= low;
      limbs[limb + 1] -= middle;
      limbs[limb + 2] -= high;
    } else {
      limbs[limb] += low;
      limbs[limb + 1] += middle;
      limbs[limb + 2] += high;
    }
    if (++additions == ADDITIONS_PER_NORMALISATION) {
      normalise();
    }
  }

  /**
   * Adds {@code x * x} exactly: the rounded square and its rounding error ({@link Math#fma}), whose
   * sum is the square as long as it neither overflows nor falls below 2^-968 (|x| &lt; 1e-146).
   */
  public void addSquare(double x) {
    double square = x * x;
    add(square);
    if (Double.isFinite(square)) {
      add(Math.fma(x, x, -square));
    }
  }

  /** Adds what {@code other} summed; {@code other} keeps its value. */
  public void merge(ExactSum other) {
    normalise();
    other.normalise();
    for (int i = 0; i < LIMBS; i++) {
      limbs[i] += other.limbs[i];
    }
    special += other.special;
    normalise();
  }

  /** Whether the sum is a number: no infinity or NaN was added. */
  public boolean isFinite() {
    return special == 0;
  }

  /**
   * The exact sum.
   *
   * @throws ArithmeticException if an infinity or NaN was added
   */
  public BigDecimal toBigDecimal() {
    if (!isFinite()) {
      throw new ArithmeticException("the sum is " + special + ", not a finite number");
    }
    normalise();
    BigInteger fixed = BigInteger.valueOf(limbs[LIMBS - 1]);
    for (int i = LIMBS - 2; i >= 0; i--) {
      fixed = fixed.shiftLeft(LIMB_BITS).add(BigInteger.valueOf(limbs[i]));
    }
    return new BigDecimal(fixed.multiply(FIVE_TO_SCALE), SCALE);
  }

  /** The sum rounded to the nearest double (infinite or NaN if such a value was added). */
  public double toDouble() {
    return isFinite() ? toBigDecimal().doubleValue() : special;
  }

  /** Carries each limb's bits above 32 into the next, leaving every limb but the top in [0, 2^32). */
  private void normalise() {
    long carry = 0;
    for (int i = 0; i < LIMBS - 1; i++) {
      long limb = limbs[i] + carry;
      carry = limb >> LIMB_BITS;
      limbs[i] = limb & LIMB_MASK;
    }
    limbs[LIMBS - 1] += carry;
    additions = 0;
  }
}
