package dev.dugout.leaderboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class PlayerPoolTest {
  // Ids of every length around the 8 bytes read as one long, some sharing those 8 bytes.
  private static final List<String> POOL = List.of("ba607b88", "ba607b8", "ba607b889",
      "ba607b88a", "", "a", "Virat Kohli", "Virat Kohl", "Ravindra Jadeja", "é", "e");

  @Test
  void everyIdIsFoundAtItsIndex() {
    PlayerPool pool = PlayerPool.of(POOL);
    for (int i = 0; i < POOL.size(); i++) {
      assertThat(pool.indexOf(UTF8String.fromString(POOL.get(i)))).as(POOL.get(i)).isEqualTo(i);
    }
    assertThat(pool.size()).isEqualTo(POOL.size());
  }

  @Test
  void anIdOutsideThePoolIsNotFoundEvenWhenItSharesTheFirstEightBytes() {
    PlayerPool pool = PlayerPool.of(POOL);
    for (String stranger : List.of("ba607b80", "ba607b88b", "ba607b8890", "ba607b", "Virat Kohlx",
        "Virat Kohli ", "b", "ba607b88\0", "ba607b8\0", "Ravindra Jadejb")) {
      assertThat(pool.indexOf(UTF8String.fromString(stranger))).as(stranger).isEqualTo(-1);
    }
  }

  @Test
  void aPoolOfManyPlayersFindsEachAndItsMapAgrees() {
    List<String> many = java.util.stream.IntStream.range(0, 127)
        .mapToObj(i -> String.format("%08x", i * 2654435761L & 0xffffffffL)).toList();
    PlayerPool pool = PlayerPool.of(many);
    for (int i = 0; i < many.size(); i++) {
      assertThat(pool.indexOf(UTF8String.fromString(many.get(i)))).isEqualTo(i);
      assertThat(pool.asMap()).containsEntry(many.get(i), i);
    }
    assertThat(pool.asMap()).hasSize(127);
  }

  @Test
  void aPlayerTwiceInThePoolIsRefused() {
    assertThatThrownBy(() -> PlayerPool.of(List.of("p1", "p2", "p1")))
        .hasMessageContaining("player p1 appears twice in the pool");
  }
}
