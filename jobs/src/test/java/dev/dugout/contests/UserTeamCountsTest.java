package dev.dugout.contests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class UserTeamCountsTest {
  @Test
  void everyTeamBelongsToTheUserWhoseRunOfTeamsHoldsIt() throws Exception {
    UserTeamCounts counts = UserTeamCounts.of(5_000, 3);
    // The reference: walk the users in order, each owning the next teamsOf(u) team numbers.
    long team = 0;
    for (int u = 0; u < counts.users(); u++) {
      assertThat(counts.teamsOf(u)).isBetween(1, TeamRules.MAX_TEAMS_PER_USER);
      for (int k = 0; k < counts.teamsOf(u); k++) {
        assertThat(counts.ownerOf(team++)).as("owner of team %d", team - 1).isEqualTo(u);
      }
    }
    assertThat(team).isEqualTo(counts.teams());

    // Shipped to an executor (as a broadcast is), the copy lays out its own owners.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(counts);
    }
    assertThat(bytes.size()).as("the owners array is not shipped").isLessThan(60_000);
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      UserTeamCounts copy = (UserTeamCounts) in.readObject();
      assertThat(copy.ownerOf(counts.teams() - 1)).isEqualTo(counts.users() - 1);
      assertThat(copy.ownerOf(0)).isZero();
    }
  }
}
