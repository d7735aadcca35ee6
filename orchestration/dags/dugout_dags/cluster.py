"""The EMR cluster a DAG run creates: orchestration/emr/cluster-template.json.

Read from the files deployed with the DAGs (no network). Each DAG gets its own copy, so no DAG
can change the template another uses; its "{{ ... }}" values are rendered by Airflow at run time
(EmrCreateJobFlowOperator.job_flow_overrides is a templated field).
"""

import copy
import json
import os
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "emr" / "cluster-template.json"
_TEMPLATE_TEXT = TEMPLATE.read_text(encoding="utf-8")


def job_flow_overrides():
    """A fresh copy of the cluster template."""
    return copy.deepcopy(json.loads(_TEMPLATE_TEXT))


# A long-running cluster, by the deployment's configuration: set DUGOUT_EMR_CLUSTER_ID in the
# scheduler's and workers' environment and the DAGs add their steps to that cluster instead of
# creating (and terminating) their own. Read from the environment, never from the network.
LONG_RUNNING_ENV = "DUGOUT_EMR_CLUSTER_ID"
CREATED = "{{ ti.xcom_pull(task_ids='create_cluster') }}"


def long_running_cluster_id():
    """The configured long-running cluster's id, or None when each run creates its own."""
    cluster_id = os.environ.get(LONG_RUNNING_ENV, "").strip()
    return cluster_id or None


def cluster_id():
    """What job_flow_id the DAG's steps use: the long-running cluster, or the one created."""
    return long_running_cluster_id() or CREATED
