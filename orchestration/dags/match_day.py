"""match_day: one match from before the toss to its settlement.

Schedule: none; triggered per match with conf {"match_id": "..."} (by the fixtures calendar).
Pre-match: `dugout tables create`, then `dugout land --available-now` from the feed topic (fixture,
toss, lineups, contests, teams and entries so far). Live, side by side and long-running: `dugout
land --every 10s` and the live leaderboard; both end by themselves when the match completes.
Post-match, in order: `score`, final `leaderboard`, `settle`, the quality report.
Reads: the Kafka topic dugout.events, core.deliveries, core.match_players, core.matches,
core.match_status, core.contest_entries, core.user_teams, core.contests, core.prize_tables,
gold.player_points, dq.check_results, ops.job_runs.
Writes: raw.events, raw.quarantine, core.* (landed events), gold.player_points, gold.leaderboard,
gold.payouts, gold.contest_settlements, gold.wallet_ledger, ops.settlements, dq.check_results,
ops.job_runs.
"""

from datetime import datetime, timedelta

from airflow import DAG

from dugout_dags import emr, steps


def add_and_wait(task_id, macro, index, timeout):
    """Adds the `index`-th step of the macro's list and waits for it to finish."""
    return emr.add_and_wait(task_id, "{{ [" + macro + "(dag_run.conf)[" + str(index) + "]] }}",
                            timeout, mode="reschedule")


with DAG(
    dag_id="match_day",
    description="A match from pre-match through live leaderboards to settlement, on EMR",
    doc_md=__doc__,
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=8,
    default_args=steps.default_args(),
    dagrun_timeout=timedelta(hours=10),
    render_template_as_native_obj=True,
    user_defined_macros={
        "pre_match_steps": steps.pre_match_steps,
        "live_steps": steps.live_steps,
        "post_match_steps": steps.post_match_steps,
    },
    tags=["dugout", "match"],
) as dag:
    pre, wait_pre = add_and_wait("pre_match", "pre_match_steps", 0, timedelta(minutes=30))
    lineups, wait_lineups = add_and_wait("land_lineups", "pre_match_steps", 1,
                                         timedelta(minutes=30))
    wait_pre >> lineups
    landing, wait_landing = add_and_wait("live_landing", "live_steps", 0, timedelta(hours=6))
    live, wait_live = add_and_wait("live_leaderboard", "live_steps", 1, timedelta(hours=6))
    post_tasks = [
        add_and_wait(name, "post_match_steps", i, timedelta(hours=1))
        for i, name in enumerate(["score", "final_leaderboard", "settle", "quality_report"])
    ]
    wait_lineups >> [landing, live]
    [wait_landing, wait_live] >> post_tasks[0][0]
    for (_, wait_before), (add_next, _) in zip(post_tasks, post_tasks[1:]):
        wait_before >> add_next
    create_cluster, terminate = emr.own_cluster()
    if create_cluster:
        create_cluster >> pre
        post_tasks[-1][1] >> terminate
