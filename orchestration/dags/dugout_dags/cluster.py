"""The EMR cluster a DAG run creates: orchestration/emr/cluster-template.json.

Read from the files deployed with the DAGs (no network). Each DAG gets its own copy, so no DAG
can change the template another uses; its "{{ ... }}" values are rendered by Airflow at run time
(EmrCreateJobFlowOperator.job_flow_overrides is a templated field).
"""

import copy
import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "emr" / "cluster-template.json"
_TEMPLATE_TEXT = TEMPLATE.read_text(encoding="utf-8")


def job_flow_overrides():
    """A fresh copy of the cluster template."""
    return copy.deepcopy(json.loads(_TEMPLATE_TEXT))
