package dev.dugout.leaderboard.aerospike;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import dev.dugout.lakehouse.DugoutConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ranks back through the client, as the app's leaderboard service would: a user's entries
 * ("my contests"), one entry, a contest's first page. For the demo, tests and operators.
 */
public final class LiveRanksReader implements AutoCloseable {
  /** An entry's rank as a record says it. */
  public record EntryRank(String entryId, String contestId, BigDecimal points, int rank,
      int previousRank, int asOf) {}

  private final AerospikeClient client;
  private final DugoutConfig.Aerospike settings;

  private LiveRanksReader(AerospikeClient client, DugoutConfig.Aerospike settings) {
    this.client = client;
    this.settings = settings;
  }

  public static LiveRanksReader connect(DugoutConfig.Aerospike settings) {
    ClientPolicy policy = new ClientPolicy();
    policy.timeout = (int) settings.timeout().toMillis();
    return new LiveRanksReader(new AerospikeClient(policy,
        AerospikeClients.hosts(settings.hosts())), settings);
  }

  /** The namespace of the final board when the match is over, else of the live ranks. */
  public String namespace(boolean complete) {
    return complete ? settings.completeNamespace() : settings.liveNamespace();
  }

  /** A user's entries in a match, best rank first, from the user's record. */
  public List<EntryRank> userEntries(String namespace, String userId, String matchId) {
    Record r = client.get(null, new Key(namespace, settings.userEntriesSet(),
        RecordLayout.userKey(userId, matchId)));
    if (r == null) {
      return List.of();
    }
    List<EntryRank> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) r.getMap(RecordLayout.ENTRIES)).entrySet()) {
      List<?> v = (List<?>) e.getValue();
      out.add(new EntryRank((String) e.getKey(), (String) v.get(0), new BigDecimal((String) v.get(1)),
          ((Number) v.get(2)).intValue(), ((Number) v.get(3)).intValue(),
          ((Number) v.get(4)).intValue()));
    }
    out.sort(Comparator.comparingInt(EntryRank::rank).thenComparing(EntryRank::entryId));
    return out;
  }

  /** One entry's record. */
  public Optional<EntryRank> entry(String namespace, String entryId) {
    Record r = client.get(null, new Key(namespace, settings.entriesSet(), entryId));
    return Optional.ofNullable(r).map(rec -> new EntryRank(entryId,
        rec.getString(RecordLayout.CONTEST), new BigDecimal(rec.getString(RecordLayout.POINTS)),
        rec.getInt(RecordLayout.RANK), rec.getInt(RecordLayout.PREVIOUS_RANK),
        rec.getInt(RecordLayout.AS_OF)));
  }

  /** A contest's top entries, best first, from its record. */
  public List<EntryRank> top(String namespace, String contestId) {
    Record r = client.get(null, new Key(namespace, settings.contestTopSet(), contestId));
    if (r == null) {
      return List.of();
    }
    int asOf = r.getInt(RecordLayout.AS_OF);
    List<EntryRank> out = new ArrayList<>();
    for (Object o : r.getList(RecordLayout.TOP)) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(new EntryRank((String) m.get(RecordLayout.ENTRY), contestId,
          new BigDecimal((String) m.get(RecordLayout.POINTS)),
          ((Number) m.get(RecordLayout.RANK)).intValue(),
          ((Number) m.get(RecordLayout.PREVIOUS_RANK)).intValue(), asOf));
    }
    return out;
  }

  /** The client, for reads this class does not offer (TTLs, raw records). */
  public AerospikeClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
