from airflow import BaseOperator


class EmrStepSensor(BaseOperator):
    def __init__(self, *, task_id, job_flow_id, step_id, aws_conn_id="aws_default", **kwargs):
        super().__init__(task_id=task_id, job_flow_id=job_flow_id, step_id=step_id,
                         aws_conn_id=aws_conn_id, **kwargs)
