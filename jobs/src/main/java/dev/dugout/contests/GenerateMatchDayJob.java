package dev.dugout.contests;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.lakehouse.SparkRows;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quarantine.Quarantine;
import dev.dugout.quarantine.QuarantineRecord;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.sql.Date;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;

/**
 * {@code dugout generate}: a synthetic but realistic match day for an imported match, the same for
 * the same seed: contests from head-to-head to a mega contest, their prize tables, users with 1 to
 * 20 teams, and the entries. Teams and entries are generated on the executors (one range of team
 * or entry numbers per task); every team passes {@link TeamRules} on write, or is quarantined.
 */
public final class GenerateMatchDayJob {
  private static final long ROWS_PER_TASK = 500_000;
  private static final List<TableDefinition> WRITES = List.of(ContestsTable.DEFINITION,
      PrizeTablesTable.DEFINITION, UserTeamsTable.DEFINITION, ContestEntriesTable.DEFINITION);

  private GenerateMatchDayJob() {}

  public static JobOutcome run(SparkSession spark, GenerateOptions options, PrintStream out) {
    return JobRunner.run(spark, "generate", options.asMap(), run -> execute(run, options, out));
  }

  private static JobOutcome execute(JobRun run, GenerateOptions options, PrintStream out) {
    SparkSession spark = run.spark();
    MatchScope scope = new MatchScope(List.of(options.matchId()));
    List<Row> pool = run.readMain(MatchPlayersTable.DEFINITION)
        .where(scope.filter(MatchPlayersTable.MATCH_ID))
        .select(MatchPlayersTable.PLAYER_ID, MatchPlayersTable.TEAM).orderBy(MatchPlayersTable.PLAYER_ID)
        .collectAsList();
    List<Row> match = run.readMain(MatchesTable.DEFINITION).where(scope.filter(MatchesTable.MATCH_ID))
        .select(MatchesTable.MATCH_DATE).collectAsList();
    if (pool.isEmpty() || match.isEmpty()) {
      throw new IllegalArgumentException("generate: match " + options.matchId() + " is not imported;"
          + " run `dugout import cricsheet PATH` first");
    }
    Instant locksAt = locksAt((Date) match.get(0).get(0));
    ContestPlan plan = ContestPlan.of(options.entries(), options.mega(), options.seed());
    UserTeamCounts users = UserTeamCounts.of(options.users(), options.seed());
    if (users.teams() < plan.largest()) {
      throw new IllegalArgumentException("generate: " + options.users() + " users own "
          + users.teams() + " teams, but the largest contest needs " + plan.largest()
          + " distinct teams; raise --users or lower --mega");
    }
    Map<String, String> sideOf = new java.util.HashMap<>();
    pool.forEach(r -> sideOf.put(r.getString(0), r.getString(1)));
    TeamMaker maker = new TeamMaker(pool.stream().map(r -> r.getString(0)).toList(),
        pool.stream().map(r -> r.getString(1)).toList(), options.seed());
    TeamRules rules = new TeamRules(sideOf, locksAt);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<UserTeamCounts> usersB = jsc.broadcast(users);
    Broadcast<ContestPlan> planB = jsc.broadcast(plan);
    Generator generator = new Generator(options.matchId(), options.seed(), run.runId(), locksAt,
        maker, rules);
    // Rejected teams are rare; collecting them on the side saves generating every team twice.
    // A retried task adds its rejects again: they are de-duplicated by team id below.
    CollectionAccumulator<QuarantineRecord> rejects = spark.sparkContext().collectionAccumulator(
        "generate rejects");
    Dataset<Row> teams = SparkRows.dataFrame(spark,
        ranges(jsc, users.teams()).mapPartitions(generator.teams(usersB, rejects)),
        new RowBuilder(UserTeamsTable.DEFINITION).sparkSchema(), List.of(UserTeamsTable.TEAM_ID,
            UserTeamsTable.MATCH_ID, UserTeamsTable.USER_ID, UserTeamsTable.PLAYER_IDS,
            UserTeamsTable.CAPTAIN_ID, UserTeamsTable.VICE_CAPTAIN_ID, UserTeamsTable.SAVED_AT,
            UserTeamsTable.RUN_ID));
    Dataset<Row> entries = SparkRows.dataFrame(spark,
        ranges(jsc, plan.entries()).mapPartitions(generator.entries(usersB, planB, users.teams())),
        new RowBuilder(ContestEntriesTable.DEFINITION).sparkSchema(), List.of(
            ContestEntriesTable.ENTRY_ID, ContestEntriesTable.CONTEST_ID,
            ContestEntriesTable.MATCH_ID, ContestEntriesTable.TEAM_ID, ContestEntriesTable.USER_ID,
            ContestEntriesTable.JOINED_AT, ContestEntriesTable.RUN_ID));

    Map<String, Long> published;
    List<QuarantineRecord> rejected;
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, run.runId(), WRITES)) {
      replace(wap, ContestsTable.DEFINITION, scope,
          spark.createDataFrame(ContestRows.contests(plan, options.matchId(), locksAt, run.runId()),
              new RowBuilder(ContestsTable.DEFINITION).sparkSchema()));
      replace(wap, PrizeTablesTable.DEFINITION, scope,
          spark.createDataFrame(ContestRows.prizeTables(plan, options.matchId(), run.runId()),
              new RowBuilder(PrizeTablesTable.DEFINITION).sparkSchema()));
      replace(wap, UserTeamsTable.DEFINITION, scope, teams);
      replace(wap, ContestEntriesTable.DEFINITION, scope, entries);
      rejected = new ArrayList<>(rejects.value().stream().collect(java.util.stream.Collectors.toMap(
          QuarantineRecord::recordKey, r -> r, (a, b) -> a, java.util.LinkedHashMap::new)).values());
      Quarantine.append(spark, run.runId(), rejected);
      published = wap.auditAndPublish(List.of());
    }
    String summary = String.format("generate: match %s, %d users, %d teams, %d contests"
        + " (mega %d), %d entries, %d quarantined, seed %d; run %s", options.matchId(),
        options.users(), users.teams() - rejected.size(), plan.contests().size(), options.mega(),
        plan.entries(), rejected.size(), options.seed(), run.runId());
    return new JobOutcome(run.runId(), pool.size(), users.teams() + plan.entries(), published,
        summary);
  }

  /** When a match on {@code matchDate} locks its teams and entries: 14:00 UTC that day. */
  public static Instant locksAt(Date matchDate) {
    return matchDate.toLocalDate().atTime(14, 0).toInstant(ZoneOffset.UTC);
  }

  private static void replace(WriteAuditPublish wap, TableDefinition table, MatchScope scope,
      Dataset<Row> rows) {
    // One match is one partition, and its rows are generated in contest order already.
    scope.replaceOnBranch(wap, table, "match_id", null, rows, TableWrites.IN_GIVEN_ORDER);
  }


  /** Row numbers [0, rows) in ranges of at most {@link #ROWS_PER_TASK}, one range per task. */
  private static JavaRDD<long[]> ranges(JavaSparkContext jsc, long rows) {
    int tasks = (int) Math.max(2, (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
    List<long[]> ranges = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      ranges.add(new long[] {rows * t / tasks, rows * (t + 1) / tasks});
    }
    return jsc.parallelize(ranges, tasks);
  }

  /**
   * The per-task generation, shipped to executors; deterministic by (seed, row number). Rows are
   * made in Spark's internal form, in the tables' column order.
   */
  static final class Generator implements java.io.Serializable {
    private final String matchId;
    private final long seed;
    private final String runId;
    private final Instant locksAt;
    private final long locksMicros;
    private final TeamMaker maker;
    private final TeamRules rules;
    private final NumberedIds entryIds;
    private final NumberedIds teamIds;
    private final NumberedIds userIds = new NumberedIds("u");

    Generator(String matchId, long seed, String runId, Instant locksAt, TeamMaker maker,
        TeamRules rules) {
      this.matchId = matchId;
      this.seed = seed;
      this.runId = runId;
      this.locksAt = locksAt;
      this.locksMicros = DateTimeUtils.instantToMicros(locksAt);
      this.maker = maker;
      this.rules = rules;
      this.entryIds = new NumberedIds(matchId + "-e");
      this.teamIds = new NumberedIds(matchId + "-t");
    }

    /** user_teams rows: team, match, user, players, captain, vice-captain, saved at, run. */
    FlatMapFunction<Iterator<long[]>, InternalRow> teams(Broadcast<UserTeamCounts> users,
        CollectionAccumulator<QuarantineRecord> rejects) {
      return ranges -> rows(ranges, new java.util.function.LongFunction<InternalRow>() {
        final UserTeamCounts counts = users.value();
        final UTF8String match = UTF8String.fromString(matchId);
        final UTF8String run = UTF8String.fromString(runId);
        final Map<String, UTF8String> players = new java.util.HashMap<>();

        @Override
        public InternalRow apply(long t) {
          TeamMaker.Team team = maker.team(t);
          int before = 3 * 86_400 + new SplittableRandom(seed + t).nextInt(4 * 86_400);
          Instant saved = locksAt.minusSeconds(before);
          var violation = rules.violation(team.players(), team.captain(), team.viceCaptain(), saved);
          if (violation.isPresent()) {
            String teamId = teamIds.id(t).toString();
            rejects.add(new QuarantineRecord("generate", "team " + teamId, teamId,
                violation.get(), team.toString()));
            return null;
          }
          Object[] ids = new Object[team.players().size()];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = utf8(team.players().get(i));
          }
          return new GenericInternalRow(new Object[] {teamIds.id(t), match,
              userIds.id(counts.ownerOf(t)), new GenericArrayData(ids), utf8(team.captain()),
              utf8(team.viceCaptain()), locksMicros - before * 1_000_000L, run});
        }

        private UTF8String utf8(String player) {
          return players.computeIfAbsent(player, UTF8String::fromString);
        }
      });
    }

    /** contest_entries rows: entry, contest, match, team, user, joined at, run. */
    FlatMapFunction<Iterator<long[]>, InternalRow> entries(Broadcast<UserTeamCounts> users,
        Broadcast<ContestPlan> plan, long teamCount) {
      return ranges -> rows(ranges, new java.util.function.LongFunction<InternalRow>() {
        final UserTeamCounts counts = users.value();
        final ContestPlan contests = plan.value();
        final UTF8String match = UTF8String.fromString(matchId);
        final UTF8String run = UTF8String.fromString(runId);
        ContestPlan.Contest contest;
        UTF8String contestId;
        long offset;
        long stride;

        @Override
        public InternalRow apply(long g) {
          if (contest == null || g >= contest.firstEntry() + contest.entries()) {
            contest = contests.contestOf(g);
            contestId = UTF8String.fromString(ContestRows.contestId(matchId, contest.index()));
            SplittableRandom random = new SplittableRandom(seed * 31 + contest.index());
            offset = random.nextLong(teamCount);
            do {
              stride = 1 + random.nextLong(teamCount);
            } while (java.math.BigInteger.valueOf(stride).gcd(java.math.BigInteger.valueOf(teamCount))
                .longValue() != 1);
          }
          long j = g - contest.firstEntry();
          // A stride coprime with the team count visits distinct teams: no team enters twice.
          long t = Math.floorMod(offset + (j * stride) % teamCount, teamCount);
          int before = 1 + new SplittableRandom(seed ^ g).nextInt(3 * 86_400);
          return new GenericInternalRow(new Object[] {entryIds.id(g), contestId, match,
              teamIds.id(t), userIds.id(counts.ownerOf(t)), locksMicros - before * 1_000_000L, run});
        }
      });
    }

    /** The rows of each range's numbers in order, skipping numbers that make no row (null). */
    private static Iterator<InternalRow> rows(Iterator<long[]> ranges,
        java.util.function.LongFunction<InternalRow> row) {
      return new Iterator<>() {
        long next;
        long end;
        InternalRow ahead;

        @Override
        public boolean hasNext() {
          while (ahead == null) {
            if (next == end) {
              if (!ranges.hasNext()) {
                return false;
              }
              long[] range = ranges.next();
              next = range[0];
              end = range[1];
              continue;
            }
            ahead = row.apply(next++);
          }
          return true;
        }

        @Override
        public InternalRow next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          InternalRow r = ahead;
          ahead = null;
          return r;
        }
      };
    }
  }
}
