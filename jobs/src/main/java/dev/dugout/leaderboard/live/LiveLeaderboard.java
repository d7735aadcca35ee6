package dev.dugout.leaderboard.live;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import dev.dugout.lakehouse.ColumnarScan;
import dev.dugout.lakehouse.Futures;
import dev.dugout.lakehouse.SparkRows;
import dev.dugout.leaderboard.PointsHistogram;
import dev.dugout.leaderboard.TeamPoints;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.UserTeamsTable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;

/**
 * A match's leaderboards held in executor memory across refreshes.
 *
 * <p>{@link #load} reads the entries once into {@link ContestShard}s cached on the executors and
 * joins each shard's entries to their teams (a broadcast {@link TeamIndex}). Entries stored in
 * contest order stay in the partitions they are read in, a contest cut by a partition boundary
 * being split; others are shuffled by contest, a contest bigger than {@code splitAbove} entries
 * spread over several shards by entry. {@link #refresh} then ranks every entry for new player
 * points without re-reading anything: one pass for the histograms of split contests (merged on the
 * driver, a few thousand distinct values each), one pass that ranks, keeps the new state and hands
 * each partition's changed entries to the live sink.
 */
public final class LiveLeaderboard implements AutoCloseable {
  private static final String SHARD = "_shard";
  private static final String SLOTS = "_slots";
  /** Above this many teams the teams are shuffled to the join instead of broadcast. */
  static final long BROADCAST_TEAMS_MAX = 10_000_000;
  /**
   * Input partitions are kept as shards when at most this many contests per partition turn out to
   * be spread over several of them (each one is merged on the driver at every refresh).
   */
  static final int MAX_SPLIT_PER_INPUT_PARTITION = 4;

  /**
   * @param shards partitions of the state; 0 for the partitions the entries are read in when
   *     they come in contest order, else four per core of the cluster
   * @param splitAbove contests with more entries are split across shards; 0 for the entries
   *     of the match / (4 x shards), at least 1000. A layout with shards or splitAbove set is
   *     always made by a shuffle
   * @param broadcastTeamsMax up to this many teams are broadcast to the shards; more are joined
   *     to the entries by a shuffle
   */
  public record Layout(int shards, long splitAbove, long broadcastTeamsMax) {
    /** Teams are broadcast up to {@link #BROADCAST_TEAMS_MAX}. */
    public Layout(int shards, long splitAbove) {
      this(shards, splitAbove, BROADCAST_TEAMS_MAX);
    }
  }

  private final SparkSession spark;
  private final String matchId;
  private final List<String> pool;
  private final JavaRDD<ContestShard> shards;
  private final long entries;
  private final Set<String> splitContests;
  private final boolean inInputPartitions;
  private JavaRDD<RankState> state;
  private int asOf;

  private LiveLeaderboard(SparkSession spark, String matchId, List<String> pool,
      JavaRDD<ContestShard> shards, long entries, Set<String> splitContests,
      JavaRDD<RankState> state, boolean inInputPartitions) {
    this.spark = spark;
    this.matchId = matchId;
    this.pool = pool;
    this.shards = shards;
    this.entries = entries;
    this.splitContests = splitContests;
    this.state = state;
    this.inInputPartitions = inInputPartitions;
  }

  /**
   * @param entries the match's contest entries (contest_id, entry_id, team_id, user_id)
   * @param teams the match's teams (team_id, player_ids, captain_id, vice_captain_id)
   * @param previous ranks of the board before (entry_id, previous_rank), or null
   * @param pool the match's player ids; points are handed to {@link #refresh} in this order
   */
  public static LiveLeaderboard load(SparkSession spark, String matchId, Dataset<Row> entries,
      Dataset<Row> teams, Dataset<Row> previous, List<String> pool, Layout layout) {
    if (pool.size() > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("match " + matchId + " has a pool of " + pool.size()
          + " players; at most " + Byte.MAX_VALUE + " are supported");
    }
    PlayerPool index = PlayerPool.of(pool);
    // Each team becomes 11 bytes (ContestShard.slots): nothing downstream carries player ids. The
    // teams are read as Spark's internal rows: converting millions of them to Rows (a String per
    // id, a Java list per team) cost several times the scan. A table's scan gives its own rows,
    // not copied first into Spark's binary format (a quarter of the encoding's time).
    Dataset<Row> teamColumns = teams.select(UserTeamsTable.TEAM_ID, UserTeamsTable.PLAYER_IDS,
        UserTeamsTable.CAPTAIN_ID, UserTeamsTable.VICE_CAPTAIN_ID);
    Optional<ColumnarScan> teamScan = ColumnarScan.of(teamColumns);
    JavaRDD<InternalRow> teamRows = teamScan.map(ColumnarScan::rows)
        .orElseGet(() -> SparkRows.internalRows(teamColumns));
    int[] teamAt = teamScan.map(ColumnarScan::positions).orElse(new int[] {0, 1, 2, 3});
    boolean broadcastTeams = teams.count() <= layout.broadcastTeamsMax();
    // A real match's teams fit a broadcast (TeamIndex, 4M teams in about 120 MB): they are
    // gathered by a job of their own, on another thread, while the entries are read; each shard
    // then joins its entries to their teams.
    ExecutorService gatherer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leaderboard-teams-" + matchId);
      t.setDaemon(true);
      return t;
    });
    Callable<Broadcast<TeamIndex>> gather = () ->
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(TeamIndex.concat(
            teamRows.mapPartitions(rows -> List.of(TeamIndex.encode(rows, teamAt, index))
                .iterator())
                .collect()).prepared());
    try {
      if (broadcastTeams && previous == null && layout.shards() == 0 && layout.splitAbove() == 0) {
        Future<Broadcast<TeamIndex>> teamIndex = gatherer.submit(gather);
        LiveLeaderboard kept = inInputPartitions(spark, matchId, entries, pool, teamIndex);
        return kept != null ? kept
            : byContest(spark, matchId, entries, teamRows, teamAt, index, previous, pool, layout,
                () -> teamIndex);
      }
      return byContest(spark, matchId, entries, teamRows, teamAt, index, previous, pool, layout,
          broadcastTeams ? () -> gatherer.submit(gather) : null);
    } finally {
      gatherer.shutdownNow();
    }
  }

  /**
   * Entries stored in their table's order (by contest) come out of the scan with each contest in
   * one input partition, or in a few neighbouring ones: the partitions can then be the shards as
   * they are, with no shuffle and no count of the contests first. A contest found in several of
   * them is ranked as a split one. Returns null when the input is not laid out so (more than a
   * few contests per partition would be split: entries landed in arrival order and not compacted
   * yet), having read the entries once for nothing, or at once when they are read in fewer
   * partitions than the cluster has cores.
   */
  private static LiveLeaderboard inInputPartitions(SparkSession spark, String matchId,
      Dataset<Row> entries, List<String> pool, Future<Broadcast<TeamIndex>> teamIndex) {
    Dataset<Row> selected = entries.select(ContestEntriesTable.CONTEST_ID,
        ContestEntriesTable.ENTRY_ID, ContestEntriesTable.TEAM_ID, ContestEntriesTable.USER_ID);
    // Read where the scan's batches have them when the entries are a scan (the Builder copies
    // each id): Spark's plan would first copy every row into its binary row format.
    Optional<ColumnarScan> scan = ColumnarScan.of(selected);
    JavaRDD<InternalRow> rows = scan.map(ColumnarScan::rows)
        .orElseGet(() -> SparkRows.internalRows(selected));
    int[] at = scan.map(ColumnarScan::positions).orElse(new int[] {0, 1, 2, 3});
    if (rows.getNumPartitions() < spark.sparkContext().defaultParallelism()) {
      // Fewer partitions than cores (a small match in one file): refreshes would leave cores idle.
      return null;
    }
    JavaRDD<ContestShard> read = rows.mapPartitions(partition -> List.of(
        collect(partition, at, false, Set.of())).iterator()).persist(StorageLevel.MEMORY_ONLY());
    // Which contests each partition holds: those held by more than one are split.
    List<String[]> held = read.map(s -> {
      String[] contests = new String[s.segments()];
      for (int seg = 0; seg < contests.length; seg++) {
        contests[seg] = s.contest(seg);
      }
      return contests;
    }).collect();
    Map<String, Integer> holders = new HashMap<>();
    held.forEach(contests -> Arrays.stream(contests).forEach(c -> holders.merge(c, 1, Integer::sum)));
    Set<String> split = new HashSet<>();
    holders.forEach((contest, n) -> {
      if (n > 1) {
        split.add(contest);
      }
    });
    if (split.size() > MAX_SPLIT_PER_INPUT_PARTITION * held.size()) {
      read.unpersist(false);
      return null;
    }
    Set<String> splitContests = Set.copyOf(split);
    Broadcast<TeamIndex> teams = Futures.result(teamIndex, "gathering the match's teams");
    String source = UserTeamsTable.DEFINITION.name();
    JavaRDD<ContestShard> shards = read.map(s -> s.withTeams(teams.value(), source)
        .withSplit(splitContests)).persist(StorageLevel.MEMORY_ONLY());
    JavaRDD<RankState> state = shards.map(RankState::loaded).persist(StorageLevel.MEMORY_ONLY());
    long total = state.map(s -> (long) s.ranks.length).reduce(Long::sum);
    teams.unpersist(false);
    read.unpersist(false);
    return new LiveLeaderboard(spark, matchId, List.copyOf(pool), shards, total, splitContests,
        state, true);
  }

  /**
   * A partition's entries collected into one shard: rows of (contest_id, entry_id, team_id,
   * user_id), followed, {@code withTeamColumns}, by the team's slots (null when the teams are
   * joined later) and the previous rank (null for none).
   *
   * @param at where the rows hold the first four columns
   */
  private static ContestShard collect(Iterator<InternalRow> rows, int[] at,
      boolean withTeamColumns, Set<String> splitContests) {
    ContestShard.Builder built = new ContestShard.Builder();
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      built.add(r.getUTF8String(at[0]), r.getUTF8String(at[1]), r.getUTF8String(at[2]),
          r.getUTF8String(at[3]), !withTeamColumns || r.isNullAt(4) ? null : r.getBinary(4),
          !withTeamColumns || r.isNullAt(5) ? 0 : r.getInt(5));
    }
    return built.build(splitContests);
  }

  /**
   * The entries shuffled to shards by contest, a contest bigger than the layout's
   * {@code splitAbove} split by entry id over consecutive shards.
   *
   * @param teamIndex the teams' broadcast, asked for after the contests' count (which starts
   *     it, unless it is already on its way); null to join the teams by a shuffle instead
   */
  private static LiveLeaderboard byContest(SparkSession spark, String matchId,
      Dataset<Row> entries, JavaRDD<InternalRow> teamRows, int[] teamAt, PlayerPool index,
      Dataset<Row> previous, List<String> pool, Layout layout,
      java.util.function.Supplier<Future<Broadcast<TeamIndex>>> teamIndex) {
    int shardCount = layout.shards() > 0 ? layout.shards()
        : Math.max(1, spark.sparkContext().defaultParallelism() * 4);
    // A small job of its own: run before the teams' job, which would hold it up.
    int[] placedOn = partitionKeys(spark, shardCount);
    String contest = ContestEntriesTable.CONTEST_ID;
    Map<String, Long> sizes = new HashMap<>();
    long total = 0;
    for (Row r : entries.groupBy(contest).count().collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
      total += r.getLong(1);
    }
    // Started after the count, which is small and on the way of everything else: the teams'
    // job then shares the cores with the entries' shuffle (Spark runs jobs first come, first
    // served), instead of holding up the count.
    Future<Broadcast<TeamIndex>> teams = teamIndex == null ? null : teamIndex.get();
    long splitAbove = layout.splitAbove() > 0 ? layout.splitAbove()
        : Math.max(1000, total / (4L * shardCount));
    // Spark places a row by the hash of its key; keys[p] is a key it places on partition p, so
    // the layout below decides partitions exactly. A whole contest goes to partition
    // hash(contest) mod n; a split contest's pieces (by entry id) to consecutive partitions.
    Column keys = lit(placedOn);
    Column home = pmod(hash(col(contest)), lit(shardCount));
    Column partition = home;
    Set<String> split = new HashSet<>();
    for (var size : sizes.entrySet()) {
      if (size.getValue() > splitAbove) {
        split.add(size.getKey());
        int pieces = (int) Math.min(shardCount, (size.getValue() + splitAbove - 1) / splitAbove);
        partition = when(col(contest).equalTo(size.getKey()),
            pmod(home.plus(pmod(hash(col(ContestEntriesTable.ENTRY_ID)), lit(pieces))),
                lit(shardCount)))
            .otherwise(partition);
      }
    }
    Column shard = element_at(keys, partition.plus(1));
    Dataset<Row> keyed = entries.select(contest, ContestEntriesTable.ENTRY_ID,
        ContestEntriesTable.TEAM_ID, ContestEntriesTable.USER_ID);
    if (teams != null) {
      keyed = keyed.withColumn(SLOTS, lit(null).cast(DataTypes.BinaryType));
    } else {
      // More teams than a broadcast should carry: they are shuffled to a join with the
      // entries, whose rows then take their team along to the shard.
      StructType teamSlots = new StructType()
          .add(UserTeamsTable.TEAM_ID, DataTypes.StringType, false)
          .add(SLOTS, DataTypes.BinaryType, false);
      keyed = keyed.join(SparkRows.dataFrame(spark, teamRows.map(t -> new GenericInternalRow(
          new Object[] {t.getUTF8String(teamAt[0]).clone(),
              ContestShard.slots(t, teamAt, index)})), teamSlots,
          List.of(UserTeamsTable.TEAM_ID, SLOTS)), UserTeamsTable.TEAM_ID);
    }
    keyed = previous == null ? keyed.withColumn(LeaderboardTable.PREVIOUS_RANK, lit(null))
        : keyed.join(previous, scala.collection.JavaConverters.asScalaBuffer(
            List.of(ContestEntriesTable.ENTRY_ID)).toSeq(), "left");
    Set<String> splitContests = Set.copyOf(split);
    // With adaptive execution (Spark's default) this runs the shuffle's map side now, while the
    // teams may still be gathered; without, it runs with the job below. Either way each shard
    // then groups its entries by contest itself (ContestShard.Builder), so the shuffle needs no
    // sort, and joins them to their teams.
    JavaRDD<InternalRow> partitioned = SparkRows.internalRows(keyed
        .select(col(contest), col(ContestEntriesTable.ENTRY_ID), col(ContestEntriesTable.TEAM_ID),
            col(ContestEntriesTable.USER_ID), col(SLOTS),
            col(LeaderboardTable.PREVIOUS_RANK).cast(DataTypes.IntegerType), shard.as(SHARD))
        .repartition(shardCount, col(SHARD)));
    Broadcast<TeamIndex> teamsOnExecutors = teams == null ? null
        : Futures.result(teams, "gathering the match's teams");
    String source = UserTeamsTable.DEFINITION.name();
    JavaRDD<ContestShard> shards = partitioned.mapPartitions(rows -> {
      ContestShard s = collect(rows, new int[] {0, 1, 2, 3}, true, splitContests);
      return List.of(teamsOnExecutors == null ? s
          : s.withTeams(teamsOnExecutors.value(), source)).iterator();
    }).persist(StorageLevel.MEMORY_ONLY());
    JavaRDD<RankState> state = shards.map(RankState::loaded).persist(StorageLevel.MEMORY_ONLY());
    long held = state.map(s -> (long) s.ranks.length).reduce(Long::sum);
    if (teamsOnExecutors != null) {
      // The shards hold their teams now: the executors' copies can go (the driver keeps one,
      // should a lost shard be rebuilt).
      teamsOnExecutors.unpersist(false);
    }
    // Only a shuffle join can drop an entry whose team is missing; the broadcast one names it.
    if (held != total) {
      throw new IllegalStateException("match " + matchId + ": " + total + " entries, but "
          + held + " joined to a team; entries whose team_id is missing from "
          + UserTeamsTable.DEFINITION.name() + " cannot be ranked");
    }
    return new LiveLeaderboard(spark, matchId, List.copyOf(pool), shards, total, splitContests,
        state, false);
  }

  /**
   * Ranks every entry for the players' points as of {@code asOf} and hands the changed entries
   * to {@code sink} on the executors.
   *
   * @param hundredths each pool player's points in hundredths, in pool order
   */
  public RefreshResult refresh(int asOf, long[] hundredths, boolean last, LiveSink sink) {
    if (hundredths.length != pool.size()) {
      throw new IllegalArgumentException("points for " + hundredths.length + " players; the pool of"
          + " match " + matchId + " has " + pool.size());
    }
    long started = System.nanoTime();
    long[] points = hundredths.clone();
    Map<String, PointsHistogram> merged = splitContests.isEmpty() ? Map.of()
        : shards.map(s -> s.splitPieces(points)).reduce(LiveLeaderboard::merge);
    JavaRDD<RankState> previous = state;
    JavaRDD<RankState> next = shards.zipPartitions(previous, (ss, ps) -> {
      ContestShard s = ss.next();
      RankState before = ps.next();
      long[] units = s.units(points);
      return List.of(new RankState(asOf, units, s.ranks(units, merged), before.units,
          before.ranks)).iterator();
    }).persist(StorageLevel.MEMORY_ONLY());
    // Cut the lineage each refresh: a lost block fails the refresh instead of replaying them all.
    next.rdd().localCheckpoint();
    LongAccumulator changed = spark.sparkContext().longAccumulator("changed");
    String match = matchId;
    LiveSink.Refresh refresh = new LiveSink.Refresh(match, asOf, last);
    boolean full = last || sink.needsFullState();
    int topN = sink.topPerContest();
    List<ContestTop> splitPieces = shards.zipPartitions(next, (ss, ns) -> {
      ContestShard s = ss.next();
      RankState n = ns.next();
      int count = 0;
      for (int i = 0; i < s.size(); i++) {
        count += n.changed(i) ? 1 : 0;
      }
      changed.add(count);
      sink.write(refresh, changes(s, n, match, asOf, full));
      if (topN == 0) {
        return List.<ContestTop>of().iterator();
      }
      List<ContestTop> whole = new ArrayList<>();
      List<ContestTop> pieces = new ArrayList<>();
      for (int seg = 0; seg < s.segments(); seg++) {
        int[] top = topIndices(s, seg, n.ranks, topN);
        boolean topChanged = full;
        for (int k = 0; k < top.length && !topChanged; k++) {
          topChanged = n.changed(top[k]);
        }
        if (s.split(seg) || topChanged) {
          List<Standing> standings = new ArrayList<>(top.length);
          for (int i : top) {
            standings.add(standing(s, n, seg, i));
          }
          (s.split(seg) ? pieces : whole).add(new ContestTop(s.contest(seg), standings));
        }
      }
      sink.writeTops(refresh, whole);
      return pieces.iterator();
    }).collect();
    previous.unpersist(false);
    state = next;
    this.asOf = asOf;
    RefreshResult result = new RefreshResult(matchId, asOf, entries, changed.value(), last, full,
        splitContests.size(), (System.nanoTime() - started) / 1_000_000,
        ContestTop.merge(splitPieces, topN));
    sink.refreshed(result);
    return result;
  }

  /** The indices of a segment's best {@code n} entries, best first (ties by entry id). */
  static int[] topIndices(ContestShard s, int seg, int[] ranks, int n) {
    Comparator<Integer> order = Comparator.<Integer>comparingInt(i -> ranks[i])
        .thenComparing(s::entryId);
    // A bounded max-heap: one pass over a piece of the mega contest, no sort of all of it.
    java.util.PriorityQueue<Integer> best = new java.util.PriorityQueue<>(n + 1, order.reversed());
    for (int i = s.start(seg); i < s.end(seg); i++) {
      if (best.size() < n) {
        best.add(i);
      } else if (ranks[i] <= ranks[best.peek()] && order.compare(i, best.peek()) < 0) {
        best.poll();
        best.add(i);
      }
    }
    return best.stream().sorted(order).mapToInt(Integer::intValue).toArray();
  }

  private static Standing standing(ContestShard s, RankState st, int seg, int i) {
    return new Standing(s.contest(seg), s.entryId(i), s.userId(i),
        st.units == null ? null : TeamPoints.toDecimal(st.units[i]), st.ranks[i],
        st.previousRanks == null ? 0 : st.previousRanks[i]);
  }

  /** keys[p]: an int that Spark's hash partitioning into {@code n} partitions sends to p. */
  private static int[] partitionKeys(SparkSession spark, int n) {
    int[] keys = new int[n];
    java.util.Arrays.fill(keys, -1);
    int found = 0;
    for (Row r : spark.range(0, 64L * n + 1024)
        .select(col("id").cast("int"), pmod(hash(col("id").cast("int")), lit(n)))
        .collectAsList()) {
      if (keys[r.getInt(1)] < 0) {
        keys[r.getInt(1)] = r.getInt(0);
        found++;
      }
    }
    if (found < n) {
      throw new IllegalStateException("no key found for some of " + n + " partitions");
    }
    return keys;
  }

  private static Map<String, PointsHistogram> merge(Map<String, PointsHistogram> a,
      Map<String, PointsHistogram> b) {
    Map<String, PointsHistogram> m = new HashMap<>(a);
    b.forEach((contest, h) -> m.merge(contest, h, PointsHistogram::merge));
    return m;
  }

  /** The current state as rows of gold.leaderboard. */
  public Dataset<Row> boardRows(Timestamp computedAt, String runId) {
    if (asOf == 0) {
      throw new IllegalStateException("no refresh yet: nothing to write");
    }
    String match = matchId;
    int at = asOf;
    StructType schema = new RowBuilder(LeaderboardTable.DEFINITION).sparkSchema();
    JavaRDD<InternalRow> rows = shards.zipPartitions(state,
        (ss, ns) -> rows(ss.next(), ns.next(), match, at, computedAt, runId, schema));
    return SparkRows.dataFrame(spark, rows, schema, List.of(
            LeaderboardTable.MATCH_ID, LeaderboardTable.AS_OF_DELIVERY, LeaderboardTable.CONTEST_ID,
            LeaderboardTable.ENTRY_ID, LeaderboardTable.TEAM_ID, LeaderboardTable.USER_ID,
            LeaderboardTable.POINTS, LeaderboardTable.RANK, LeaderboardTable.PREVIOUS_RANK,
            LeaderboardTable.COMPUTED_AT, LeaderboardTable.RUN_ID, LeaderboardTable.TIED));
  }

  /** A standing on a board: who, where, with how many points. */
  public record Standing(String contestId, String entryId, String userId, BigDecimal points,
      int rank, int previousRank) implements java.io.Serializable {}

  /** The best {@code n} entries of a contest (ties by entry id). */
  public List<Standing> top(String contestId, int n) {
    List<Standing> all = new ArrayList<>(standings((s, seg, i) -> s.contest(seg).equals(contestId),
        n));
    all.sort(Comparator.comparingInt(Standing::rank).thenComparing(Standing::entryId));
    return all.subList(0, Math.min(n, all.size()));
  }

  /** Every entry of a user, in any contest. */
  public List<Standing> ofUser(String userId) {
    List<Standing> all = new ArrayList<>(standings((s, seg, i) -> s.userId(i).equals(userId),
        Integer.MAX_VALUE));
    all.sort(Comparator.comparing(Standing::contestId).thenComparingInt(Standing::rank)
        .thenComparing(Standing::entryId));
    return all;
  }

  private interface Pick extends java.io.Serializable {
    boolean test(ContestShard s, int segment, int i);
  }

  private List<Standing> standings(Pick pick, int perShard) {
    return shards.zipPartitions(state, (ss, ns) -> {
      ContestShard s = ss.next();
      RankState st = ns.next();
      List<Standing> out = new ArrayList<>();
      walk(s, (seg, i) -> pick.test(s, seg, i), (seg, i) -> standing(s, st, seg, i))
          .forEachRemaining(out::add);
      out.sort(Comparator.comparingInt(Standing::rank).thenComparing(Standing::entryId));
      return out.subList(0, Math.min(perShard, out.size())).iterator();
    }).collect();
  }

  public String matchId() {
    return matchId;
  }

  public long entries() {
    return entries;
  }

  public int asOf() {
    return asOf;
  }

  public List<String> pool() {
    return pool;
  }

  public Set<String> splitContests() {
    return splitContests;
  }

  /** Entries held by each shard: how evenly the contests (and the split ones) spread. */
  public long[] shardSizes() {
    return shards.map(s -> (long) s.size()).collect().stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * True when the shards are the input's partitions as read (entries in contest order), false when
   * the entries were shuffled to shards by contest.
   */
  public boolean inInputPartitions() {
    return inInputPartitions;
  }

  public int shardCount() {
    return shards.getNumPartitions();
  }

  @Override
  public void close() {
    state.unpersist(false);
    shards.unpersist(false);
  }

  /** Something of a shard's entry, given its contest segment and its index. */
  private interface EntryFunction<T> {
    T apply(int segment, int entry);
  }

  /**
   * Lazily and in order, {@code f} of each entry of the shard that {@code keep} accepts: the one
   * walk over a shard's contests and entries, for the sink, the board rows and the standings.
   */
  private static <T> Iterator<T> walk(ContestShard s, EntryFunction<Boolean> keep,
      EntryFunction<T> f) {
    return new Iterator<T>() {
      int seg = 0;
      int i = advance(0);

      int advance(int from) {
        int j = from;
        while (j < s.size()) {
          while (j >= s.end(seg)) {
            seg++;
          }
          if (keep.apply(seg, j)) {
            break;
          }
          j++;
        }
        return j;
      }

      @Override
      public boolean hasNext() {
        return i < s.size();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        T value = f.apply(seg, i);
        i = advance(i + 1);
        return value;
      }
    };
  }

  /**
   * The shard's changed entries (every entry when {@code all}), built as the sink reads them (a
   * sink may read none).
   */
  private static Iterator<RankChange> changes(ContestShard s, RankState n, String match, int asOf,
      boolean all) {
    return walk(s, (seg, i) -> all || n.changed(i), (seg, i) -> new RankChange(match, asOf,
        s.contest(seg), s.entryId(i), s.teamId(i), s.userId(i), n.units[i], n.ranks[i],
        n.previousRanks[i]));
  }

  /**
   * A shard's board rows, each contest (or piece of a split one) in rank order, so the write needs
   * no sort of its own: the table's order is (contest, rank). Built as Spark's internal rows in the
   * table's column order: ids are views of the shard's packed bytes, points a decimal from units.
   * One mutable row is refilled for each entry: a reader takes each row before the next (Spark's
   * plan copies it, the columnar writer encodes it at once), so ten million rows cost no row
   * object each, only the views of their ids.
   */
  static Iterator<InternalRow> rows(ContestShard s, RankState n, String match, int at,
      Timestamp computedAt, String runId, StructType schema) {
    SpecificInternalRow row = new SpecificInternalRow(schema);
    row.update(0, UTF8String.fromString(match));
    row.setInt(1, at);
    row.setLong(9, DateTimeUtils.fromJavaTimestamp(computedAt));
    row.update(10, UTF8String.fromString(runId));
    Decimal points = new Decimal();
    // A plain iterator, not a stream: a stream's flatMap buffers a whole segment before handing
    // out its first row, and every row handed out is this one object.
    return new Iterator<InternalRow>() {
      int seg = -1;
      int[] byRank = new int[0];
      // byRank[k] is the next entry; the batch holds the values of byRank[start ... start + size).
      int k = 0;
      final RankOrderedValues batch = new RankOrderedValues();

      @Override
      public boolean hasNext() {
        while (k == byRank.length && seg + 1 < s.segments()) {
          seg++;
          byRank = inRankOrder(n.ranks, s.start(seg), s.end(seg));
          k = 0;
          batch.clear();
          row.update(2, UTF8String.fromString(s.contest(seg)));
        }
        return k < byRank.length;
      }

      @Override
      public InternalRow next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        if (k == batch.start + batch.size) {
          batch.gather(s, n, byRank, k);
        }
        int j = k++ - batch.start;
        row.update(3, batch.entryIds[j]);
        row.update(4, batch.teamIds[j]);
        row.update(5, batch.userIds[j]);
        row.update(6, pointsDecimal(batch.units[j], points));
        row.setInt(7, batch.ranks[j]);
        if (batch.previousRanks[j] == 0) {
          row.setNullAt(8);
        } else {
          row.setInt(8, batch.previousRanks[j]);
        }
        row.setInt(11, batch.tied[j]);
        return row;
      }
    };
  }

  /**
   * The values of the next entries in rank order, gathered a batch at a time. Entries in rank
   * order are all over the shard's arrays: one row at a time, each of its dozen loads missed the
   * cache in turn. A loop that only gathers one array keeps many misses under way at once.
   */
  private static final class RankOrderedValues {
    static final int SIZE = 1024;
    final int[] entries = new int[SIZE];
    final long[] units = new long[SIZE];
    final int[] ranks = new int[SIZE];
    final int[] previousRanks = new int[SIZE];
    final int[] tied = new int[SIZE];
    final UTF8String[] entryIds = new UTF8String[SIZE];
    final UTF8String[] teamIds = new UTF8String[SIZE];
    final UTF8String[] userIds = new UTF8String[SIZE];
    int start;
    int size;

    /** Holds nothing, before the first entry of a segment. */
    void clear() {
      start = 0;
      size = 0;
    }

    /** Gathers the entries {@code byRank[from ...]}, up to {@link #SIZE} of them. */
    void gather(ContestShard s, RankState n, int[] byRank, int from) {
      start = from;
      size = Math.min(SIZE, byRank.length - from);
      System.arraycopy(byRank, from, entries, 0, size);
      for (int j = 0; j < size; j++) {
        units[j] = n.units[entries[j]];
      }
      for (int j = 0; j < size; j++) {
        ranks[j] = n.ranks[entries[j]];
      }
      for (int j = 0; j < size; j++) {
        previousRanks[j] = n.previousRanks[entries[j]];
      }
      for (int j = 0; j < size; j++) {
        tied[j] = n.tied[entries[j]];
      }
      for (int j = 0; j < size; j++) {
        entryIds[j] = s.entryIdUtf8(entries[j]);
      }
      for (int j = 0; j < size; j++) {
        teamIds[j] = s.teamIdUtf8(entries[j]);
      }
      for (int j = 0; j < size; j++) {
        userIds[j] = s.userIdUtf8(entries[j]);
      }
    }
  }

  /**
   * Entries {@code from} to {@code to} (one contest, or a piece of one) in rank order, tied ones
   * in index order. Ranks are at most the contest's entries, so a count of each rank places every
   * entry: two passes, where a sort of a mega contest's million entries took several times longer.
   * A piece of a split contest whose ranks spread over far more values than it holds is sorted.
   */
  static int[] inRankOrder(int[] ranks, int from, int to) {
    int n = to - from;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, ranks[i]);
      max = Math.max(max, ranks[i]);
    }
    int[] order = new int[n];
    if (n == 0) {
      return order;
    }
    if ((long) max - min >= 16L * n) {
      long[] packed = new long[n];
      for (int j = 0; j < n; j++) {
        packed[j] = ((long) ranks[from + j] << 32) | (from + j);
      }
      Arrays.sort(packed);
      for (int j = 0; j < n; j++) {
        order[j] = (int) packed[j];
      }
      return order;
    }
    // next[r - min]: where the next entry of rank r goes.
    int[] next = new int[max - min + 2];
    for (int i = from; i < to; i++) {
      next[ranks[i] - min + 1]++;
    }
    for (int r = 1; r < next.length; r++) {
      next[r] += next[r - 1];
    }
    for (int i = from; i < to; i++) {
      order[next[ranks[i] - min]++] = i;
    }
    return order;
  }

  /** Units as the board's decimal(10, 2): the common even case straight from the long. */
  private static Decimal pointsDecimal(long units, Decimal reused) {
    int precision = LeaderboardTable.POINTS_TYPE.precision();
    int scale = LeaderboardTable.POINTS_TYPE.scale();
    return (units & 1) == 0 ? reused.set(units >> 1, precision, scale)
        : Decimal.apply(points(units), precision, scale);
  }

  /** Units as points with two places; the common even case without a division. */
  private static BigDecimal points(long units) {
    return (units & 1) == 0 ? BigDecimal.valueOf(units >> 1, 2) : TeamPoints.toDecimal(units);
  }
}
