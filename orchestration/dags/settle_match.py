"""settle_match: settle one match, or rerun its settlement after a correction.

Schedule: none; triggered with conf {match_id, rerun, reason, operator, publish, dry_run}, by the
operators' `dugout ops rerun-settlement` or from the UI.
Reads: core.matches, core.contests, core.prize_tables, core.contest_entries, core.deliveries,
gold.leaderboard, ops.settlements, gold.payouts.
Writes: gold.payouts, gold.contest_settlements, gold.wallet_ledger, ops.settlements,
dq.check_results, ops.job_runs.
"""

from datetime import datetime, timedelta

from airflow import DAG

from dugout_dags import emr, steps

with DAG(
    dag_id="settle_match",
    description="Settle a match, or rerun its settlement (diff, gate, publish on request)",
    doc_md=__doc__,
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=4,
    default_args=steps.default_args(),
    dagrun_timeout=timedelta(hours=3),
    render_template_as_native_obj=True,
    user_defined_macros={"settle_steps": steps.settle_steps},
    tags=["dugout", "settlement"],
) as dag:
    settle, wait_settle = emr.add_and_wait("settle", "{{ settle_steps(dag_run.conf) }}",
                                           timedelta(hours=1))
    create_cluster, terminate = emr.own_cluster()
    if create_cluster:
        create_cluster >> settle
        wait_settle >> terminate
