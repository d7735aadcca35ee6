"""settle_match: settle one match, or rerun its settlement after a correction.

Schedule: none; triggered with conf {match_id, rerun, reason, operator, publish}, by the
operators' `dugout ops rerun-settlement` or from the UI.
Reads: core.matches, core.contests, core.prize_tables, core.contest_entries, core.deliveries,
gold.leaderboard, ops.settlements, gold.payouts.
Writes: gold.payouts, gold.contest_settlements, gold.wallet_ledger, ops.settlements,
dq.check_results, ops.job_runs.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.amazon.aws.operators.emr import (
    EmrAddStepsOperator,
    EmrCreateJobFlowOperator,
    EmrTerminateJobFlowOperator,
)
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.utils.trigger_rule import TriggerRule

from dugout_dags import steps
from dugout_dags import cluster

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
    settle = EmrAddStepsOperator(
        task_id="settle",
        job_flow_id=cluster.cluster_id(),
        steps="{{ settle_steps(dag_run.conf) }}",
        aws_conn_id=steps.AWS_CONN_ID,
    )
    wait_settle = EmrStepSensor(
        task_id="wait_settle",
        job_flow_id=cluster.cluster_id(),
        step_id="{{ ti.xcom_pull(task_ids='settle')[0] }}",
        aws_conn_id=steps.AWS_CONN_ID,
        timeout=int(timedelta(hours=1).total_seconds()),
        poke_interval=30,
    )
    settle >> wait_settle
    if cluster.long_running_cluster_id() is None:
        create_cluster = EmrCreateJobFlowOperator(
            task_id="create_cluster",
            job_flow_overrides=cluster.job_flow_overrides(),
            aws_conn_id=steps.AWS_CONN_ID,
        )
        terminate = EmrTerminateJobFlowOperator(
            task_id="terminate_cluster",
            job_flow_id=cluster.cluster_id(),
            aws_conn_id=steps.AWS_CONN_ID,
            trigger_rule=TriggerRule.ALL_DONE,
        )
        create_cluster >> settle
        wait_settle >> terminate
