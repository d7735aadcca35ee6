package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

  @Test
  void readsThePlainUtcFormToTheSecondsWorkedOutByHand() {
    assertThat(IsoInstants.fast("1970-01-01T00:00:00Z")).isEqualTo(Instant.ofEpochSecond(0));
    // 2000-01-01 is 946,684,800; March 1st is 31 + 29 days later (2000 is a leap year).
    assertThat(IsoInstants.fast("2000-03-01T00:00:00Z"))
        .isEqualTo(Instant.ofEpochSecond(946_684_800L + 60 * 86_400));
    // 2030-01-01 is 1,893,456,000; plus 4 min 9.999 s.
    assertThat(IsoInstants.fast("2030-01-01T00:04:09.999Z"))
        .isEqualTo(Instant.ofEpochSecond(1_893_456_000L + 249, 999_000_000));
    assertThat(IsoInstants.fast("2030-01-01T00:00:00.000000001Z"))
        .isEqualTo(Instant.ofEpochSecond(1_893_456_000L, 1));
    assertThat(IsoInstants.fast("2024-02-29T23:59:59.5Z"))
        .isEqualTo(Instant.ofEpochSecond(1_709_251_199L, 500_000_000));
  }

  @Test
  void leavesEveryOtherFormAndEveryImpossibleDateToInstantParse() {
    assertThat(IsoInstants.fast("2023-02-29T00:00:00Z")).isNull();
    assertThat(IsoInstants.fast("2030-01-01T24:00:00Z")).isNull();
    assertThat(IsoInstants.fast("2030-01-01T00:00:00+05:30")).isNull();
    assertThat(IsoInstants.fast("2030-01-01t00:00:00z")).isNull();
    assertThat(IsoInstants.fast("2030-01-01T00:00:00.Z")).isNull();
    assertThat(IsoInstants.fast("2030-01-01 00:00:00Z")).isNull();
    assertThatThrownBy(() -> IsoInstants.parse("2023-02-29T00:00:00Z"))
        .isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> IsoInstants.parse("yesterday")).isInstanceOf(DateTimeException.class);
  }

  /** Near-miss strings, random fields and mutated characters: always what Instant.parse says. */
  @Test
  void agreesWithInstantParseOnRandomNearMisses() {
    Random random = new Random(20261123);
    String noise = "0123456789-T:.Zz+ ";
    int fast = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder s = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
          random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
          random.nextInt(62), random.nextInt(62)));
      int fraction = random.nextInt(11);
      if (fraction > 0) {
        s.append('.');
        for (int f = 1; f < fraction; f++) {
          s.append((char) ('0' + random.nextInt(10)));
        }
      }
      s.append('Z');
      if (random.nextInt(4) == 0) {
        s.setCharAt(random.nextInt(s.length()), noise.charAt(random.nextInt(noise.length())));
      }
      String text = s.toString();
      Instant expected;
      try {
        expected = Instant.parse(text);
      } catch (DateTimeException e) {
        expected = null;
      }
      Instant ours = IsoInstants.fast(text);
      if (ours != null) {
        fast++;
        assertThat(ours).as(text).isEqualTo(expected);
      }
      if (expected == null) {
        assertThatThrownBy(() -> IsoInstants.parse(text)).as(text)
            .isInstanceOf(DateTimeException.class);
      } else {
        assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
      }
    }
    // The fast path is taken, not just the fallback.
    assertThat(fast).isGreaterThan(20_000);
  }
}
