"""lakehouse_maintenance: nightly compaction, snapshot expiry and orphan-file removal.

Schedule: daily at 02:30 UTC (08:00 IST), when no match is live.
Per table, with the thresholds its definition declares (target file size, snapshot age and count
to keep): `dugout maintain compact`, `expire-snapshots`, `remove-orphans`.
Reads: every table of steps.TABLES (its files and snapshots).
Writes: the same tables, compacted files and expired snapshots only (no row changes).
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

from dugout_dags import cluster, steps

CLUSTER = cluster.cluster_id()

with DAG(
    dag_id="lakehouse_maintenance",
    description="Nightly compaction, snapshot expiry and orphan removal for every Dugout table",
    doc_md=__doc__,
    schedule="30 2 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=steps.default_args(),
    dagrun_timeout=timedelta(hours=4),
    tags=["dugout", "maintenance"],
) as dag:
    created = cluster.long_running_cluster_id() is None
    if created:
        create_cluster = EmrCreateJobFlowOperator(
            task_id="create_cluster",
            job_flow_overrides=cluster.job_flow_overrides(),
            aws_conn_id=steps.AWS_CONN_ID,
        )
        terminate = EmrTerminateJobFlowOperator(
            task_id="terminate_cluster",
            job_flow_id=CLUSTER,
            aws_conn_id=steps.AWS_CONN_ID,
            trigger_rule=TriggerRule.ALL_DONE,
        )
    for table in steps.TABLES:
        safe = table.replace(".", "__")
        add = EmrAddStepsOperator(
            task_id=f"maintain_{safe}",
            job_flow_id=CLUSTER,
            steps=steps.maintenance_steps(table),
            aws_conn_id=steps.AWS_CONN_ID,
        )
        wait = EmrStepSensor(
            task_id=f"wait_{safe}",
            job_flow_id=CLUSTER,
            step_id="{{ ti.xcom_pull(task_ids='maintain_" + safe + "')[-1] }}",
            aws_conn_id=steps.AWS_CONN_ID,
            timeout=int(timedelta(hours=2).total_seconds()),
            poke_interval=60,
            mode="reschedule",
        )
        add >> wait
        if created:
            create_cluster >> add
            wait >> terminate
