"""A minimal stand-in of the parts of Airflow the DAG files use (Airflow cannot be installed
here): DAG as a context manager that collects tasks, operators that record their constructor
arguments and their dependencies (>>). Enough to import the DAG files and inspect them."""

_current = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


class BaseOperator:
    def __init__(self, task_id, trigger_rule="all_success", **kwargs):
        if not _current:
            raise RuntimeError(f"task {task_id} created outside a DAG")
        self.task_id = task_id
        self.trigger_rule = trigger_rule
        self.kwargs = kwargs
        self.downstream = set()
        self.upstream = set()
        self.dag = _current[-1]
        if task_id in self.dag.tasks:
            raise ValueError(f"duplicate task id {task_id}")
        self.dag.tasks[task_id] = self

    def __rshift__(self, other):
        for o in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream.add(o.task_id)
            o.upstream.add(self.task_id)
        return other

    def __rrshift__(self, other):
        """`[a, b] >> task`, as Airflow allows."""
        for o in other if isinstance(other, (list, tuple)) else [other]:
            o >> self
        return self
