"""EMR steps that run `dugout` commands from the jobs jar, and the defaults every DAG shares.

Pure functions and constants only: nothing here touches the network or Airflow's metadata at
import (parse) time, so the scheduler parses the DAG files fast and tests can call these directly.
"""

from datetime import timedelta

# Where the jobs jar lives and how the cluster is reached: Airflow Variables, rendered at run time
# by Jinja (never read at parse time).
JOBS_JAR = "{{ var.value.get('dugout_jobs_jar', 's3://dugout-artifacts/jobs/dugout-jobs-emr.jar') }}"
AWS_CONN_ID = "aws_default"
# An existing long-running cluster, when the Variable names one; otherwise each run creates its own
# cluster from the template and terminates it.
LONG_RUNNING_CLUSTER = "{{ var.value.get('dugout_emr_cluster_id', '') }}"
# The sports feed and app events: Kafka, and the landing job's checkpoint (on S3, so a step that
# dies on a lost Spot node resumes where it was).
KAFKA_BOOTSTRAP = "{{ var.value.get('dugout_kafka_bootstrap', 'kafka.dugout.internal:9092') }}"
FEED_TOPIC = "dugout.events"
LAND_CHECKPOINT = ("{{ var.value.get('dugout_checkpoints', 's3://dugout-lakehouse/checkpoints') }}"
                   "/land-kafka")



def default_args():
    """Every task's defaults, a fresh dict per DAG (no module state a DAG could change)."""
    return {
        "owner": "dugout",
        "retries": 2,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "execution_timeout": timedelta(hours=2),
    }

MAIN_CLASS = "dev.dugout.cli.DugoutCli"


def dugout_step(name, args, action_on_failure="CONTINUE"):
    """An EMR step running `dugout <args...>` with spark-submit in cluster mode.

    The driver runs in the YARN application master, which the cluster's node labels keep on
    core (On-Demand) nodes.
    """
    if not args or any(not isinstance(a, str) or a == "" for a in args):
        raise ValueError(f"step {name}: dugout arguments must be non-empty strings, got {args!r}")
    return {
        "Name": name,
        "ActionOnFailure": action_on_failure,
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": ["spark-submit", "--deploy-mode", "cluster", "--class", MAIN_CLASS, JOBS_JAR]
            + list(args),
        },
    }


def dugout_command(step):
    """The `dugout` arguments a step runs (what follows the jar)."""
    args = step["HadoopJarStep"]["Args"]
    return args[args.index(JOBS_JAR) + 1:]


def require_match_id(conf):
    match_id = str((conf or {}).get("match_id", "")).strip()
    if not match_id:
        raise ValueError("dag_run.conf must name the match: {\"match_id\": \"...\"}")
    return match_id


def settle_steps(conf):
    """The settle_match DAG's step from its run's conf.

    conf: {"match_id": str, "rerun": bool, "reason": str, "operator": str, "publish": bool,
    "dry_run": bool}. A rerun needs a reason and an operator; publish and dry_run only apply to a
    rerun (a first settlement always publishes once it passes the gate) and exclude each other (a
    dry run prints the diff and writes nothing).
    """
    conf = conf or {}
    match_id = require_match_id(conf)
    operator = str(conf.get("operator") or "airflow")
    args = ["settle", "--match", match_id, "--operator", operator]
    if conf.get("rerun"):
        reason = str(conf.get("reason") or "").strip()
        if not reason:
            raise ValueError("a rerun needs a reason: dag_run.conf[\"reason\"]")
        args += ["--rerun", "--reason", reason]
        if conf.get("publish") and conf.get("dry_run"):
            raise ValueError("publish and dry_run exclude each other: a dry run writes nothing")
        if conf.get("publish"):
            args.append("--publish")
        if conf.get("dry_run"):
            args.append("--dry-run")
    elif conf.get("publish") or conf.get("dry_run"):
        raise ValueError("publish and dry_run apply to a rerun; set rerun: true")
    return [dugout_step(f"settle {match_id}", args)]


def land_args(*trigger):
    """`dugout land` from the feed topic, on the one checkpoint every landing run shares."""
    return ["land", "--source", "kafka", "--bootstrap-servers", KAFKA_BOOTSTRAP,
            "--topic", FEED_TOPIC, "--checkpoint", LAND_CHECKPOINT] + list(trigger)


def pre_match_steps(conf):
    """Before the toss: the tables are up to date with their declarations, then the feed's events
    so far (fixture, toss, announced lineups, contests, teams, entries) are landed: the lineups
    become core.match_players, the pool the live leaderboard scores."""
    require_match_id(conf)
    return [dugout_step("tables create", ["tables", "create"]),
            dugout_step("land fixtures and lineups", land_args("--available-now"))]


def live_steps(conf):
    """During the match, two long-running steps side by side (the cluster runs 4 steps at once):
    the landing job in 10 s micro-batches, and the live leaderboard refreshing every 10 s as
    deliveries land. Both end by themselves when the match completes: the landing once the feed's
    COMPLETED (or ABANDONED) status has landed, the leaderboard once the match's row is in
    core.matches, after writing the final board.
    """
    match_id = require_match_id(conf)
    return [dugout_step(f"live landing {match_id}",
                        land_args("--every", "10s", "--until-complete", match_id)),
            dugout_step(f"live leaderboard {match_id}",
                        ["leaderboard", "--match", match_id, "--live", "--every", "10s",
                         "--snapshot-every", "over"])]


def post_match_steps(conf):
    """After the match, in order: final points, final leaderboard, settlement, quality report."""
    match_id = require_match_id(conf)
    return [
        dugout_step(f"score {match_id}", ["score", "--match", match_id]),
        dugout_step(f"final leaderboard {match_id}", ["leaderboard", "--match", match_id]),
        dugout_step(f"settle {match_id}", ["settle", "--match", match_id, "--operator", "airflow"]),
        dugout_step(f"quality report {match_id}", [
            "sql",
            "SELECT r.command, c.table_name, c.check_name, c.constraint_name, c.status"
            " FROM dq.check_results c JOIN ops.job_runs r ON c.run_id = r.run_id"
            f" WHERE r.options['match'] = '{match_id}' AND c.status <> 'Success'"]),
    ]


def maintenance_steps(table):
    """Nightly upkeep of one table, each with the thresholds its definition declares."""
    return [
        dugout_step(f"compact {table}", ["maintain", "compact", "--table", table]),
        dugout_step(f"expire snapshots {table}", ["maintain", "expire-snapshots", "--table", table]),
        dugout_step(f"remove orphans {table}", ["maintain", "remove-orphans", "--table", table]),
    ]


# Every table Dugout declares (orchestration/dags/tests check this list against `dugout tables
# describe`'s catalogue).
TABLES = (
    "core.matches", "core.match_players", "core.deliveries", "gold.player_points",
    "core.contests", "core.prize_tables", "core.user_teams", "core.contest_entries",
    "gold.leaderboard", "gold.payouts", "gold.contest_settlements", "gold.wallet_ledger",
    "ops.settlements", "core.match_status", "core.wallet_txns", "core.sessions", "raw.events",
    "raw.quarantine", "ops.job_runs", "dq.check_results",
)
