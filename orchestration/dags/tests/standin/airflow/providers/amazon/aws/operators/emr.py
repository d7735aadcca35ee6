from airflow import BaseOperator


class EmrCreateJobFlowOperator(BaseOperator):
    def __init__(self, *, task_id, job_flow_overrides, aws_conn_id="aws_default", **kwargs):
        super().__init__(task_id=task_id, job_flow_overrides=job_flow_overrides,
                         aws_conn_id=aws_conn_id, **kwargs)


class EmrAddStepsOperator(BaseOperator):
    def __init__(self, *, task_id, job_flow_id, steps, aws_conn_id="aws_default", **kwargs):
        super().__init__(task_id=task_id, job_flow_id=job_flow_id, steps=steps,
                         aws_conn_id=aws_conn_id, **kwargs)


class EmrTerminateJobFlowOperator(BaseOperator):
    def __init__(self, *, task_id, job_flow_id, aws_conn_id="aws_default", **kwargs):
        super().__init__(task_id=task_id, job_flow_id=job_flow_id, aws_conn_id=aws_conn_id,
                         **kwargs)
