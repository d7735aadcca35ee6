"""lakehouse_maintenance: nightly compaction, snapshot expiry and orphan-file removal.

Schedule: daily at 02:30 UTC (08:00 IST), when no match is live.
Per table, with the thresholds its definition declares (target file size, snapshot age and count
to keep): `dugout maintain compact`, `expire-snapshots`, `remove-orphans`.
Reads: every table of steps.TABLES (its files and snapshots).
Writes: the same tables, compacted files and expired snapshots only (no row changes).
"""

from datetime import datetime, timedelta

from airflow import DAG

from dugout_dags import emr, steps

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
    create_cluster, terminate = emr.own_cluster()
    for table in steps.TABLES:
        safe = table.replace(".", "__")
        add, wait = emr.add_and_wait(f"maintain_{safe}", steps.maintenance_steps(table),
                                     timedelta(hours=2), last_step=True, poke_interval=60,
                                     mode="reschedule", wait_id=f"wait_{safe}")
        if create_cluster:
            create_cluster >> add
            wait >> terminate
