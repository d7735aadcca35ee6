"""The EMR tasks every Dugout DAG is made of: its own cluster (unless a long-running one is
configured), and steps each followed by a sensor. Imported by the DAG files only (it needs the
Amazon provider), so `steps` stays importable without Airflow."""

from airflow.providers.amazon.aws.operators.emr import (
    EmrAddStepsOperator,
    EmrCreateJobFlowOperator,
    EmrTerminateJobFlowOperator,
)
from airflow.providers.amazon.aws.sensors.emr import EmrStepSensor
from airflow.utils.trigger_rule import TriggerRule

from dugout_dags import cluster, steps


def own_cluster():
    """(create, terminate) tasks of the run's own cluster, terminated whatever happened
    (all_done); (None, None) when the deployment names a long-running cluster."""
    if cluster.long_running_cluster_id() is not None:
        return None, None
    create = EmrCreateJobFlowOperator(
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
    return create, terminate


def add_and_wait(task_id, step_list, timeout, last_step=False, poke_interval=30,
                 mode="poke", wait_id=None):
    """Adds steps to the cluster and waits for the first (or the last) of them to finish; the
    sensor is `wait_<task_id>` unless named."""
    add = EmrAddStepsOperator(
        task_id=task_id,
        job_flow_id=cluster.cluster_id(),
        steps=step_list,
        aws_conn_id=steps.AWS_CONN_ID,
    )
    wait = EmrStepSensor(
        task_id=wait_id or f"wait_{task_id}",
        job_flow_id=cluster.cluster_id(),
        step_id="{{ ti.xcom_pull(task_ids='" + task_id + "')[" + ("-1" if last_step else "0")
        + "] }}",
        aws_conn_id=steps.AWS_CONN_ID,
        timeout=int(timeout.total_seconds()),
        poke_interval=poke_interval,
        mode=mode,
    )
    add >> wait
    return add, wait
