"""Checks of the DAG files without Airflow (it cannot be installed here).

The DAG files are parsed with `ast`, then imported against a minimal stand-in of the Airflow
classes they use (tests/standin) to read their DAG ids, tasks, dependencies, retries and trigger
rules. Every `dugout` command a step runs, with every option it passes, must exist in the CLI:
the command list is generated from the CLI itself (DagContractsTest in the jobs module writes it
and runs these tests), so renaming a command or an option breaks this test.

    DUGOUT_CLI_COMMANDS=path/to/cli-commands.txt python3 -m unittest discover -s tests -t .
"""

import ast
import importlib
import json
import os
import sys
import unittest
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1]
EMR = DAGS.parent / "emr"
sys.path[:0] = [str(DAGS / "tests" / "standin"), str(DAGS)]

from dugout_dags import steps  # noqa: E402  (after the path set-up)

DAG_FILES = {"match_day": "match_day.py", "settle_match": "settle_match.py",
             "lakehouse_maintenance": "lakehouse_maintenance.py"}
FORBIDDEN_IMPORTS = {"boto3", "botocore", "requests", "urllib", "http", "socket", "psycopg2"}


def load_dag(file_name, long_running=None):
    """Imports a DAG file afresh, with or without a long-running cluster configured."""
    from dugout_dags import cluster
    if long_running:
        os.environ[cluster.LONG_RUNNING_ENV] = long_running
    else:
        os.environ.pop(cluster.LONG_RUNNING_ENV, None)
    try:
        sys.modules.pop(file_name[:-3], None)
        return importlib.import_module(file_name[:-3]).dag
    finally:
        os.environ.pop(cluster.LONG_RUNNING_ENV, None)


def cli_contract():
    """{command path: set of its options} and the declared tables, from the generated file."""
    path = os.environ.get("DUGOUT_CLI_COMMANDS")
    if not path:
        raise AssertionError("DUGOUT_CLI_COMMANDS is not set: run these tests through `mvn verify`"
                             " (DagContractsTest), which generates the CLI's command list")
    commands, tables = {}, []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "command":
            name, _, options = rest.partition("\t")
            commands[tuple(name.split())] = set(options.split())
        elif kind == "table":
            tables.append(rest)
    return commands, tables


def every_step():
    """Every step the DAGs can add, for representative confs."""
    conf = {"match_id": "1370353"}
    found = []
    found += steps.pre_match_steps(conf) + steps.live_steps(conf) + steps.post_match_steps(conf)
    found += steps.settle_steps(conf)
    found += steps.settle_steps({"match_id": "1", "rerun": True, "reason": "fix", "operator": "o"})
    found += steps.settle_steps({"match_id": "1", "rerun": True, "reason": "fix", "publish": True})
    found += steps.settle_steps({"match_id": "1", "rerun": True, "reason": "fix", "dry_run": True})
    for table in steps.TABLES:
        found += steps.maintenance_steps(table)
    return found


class DagFilesParse(unittest.TestCase):
    def test_each_file_parses_and_imports_nothing_that_calls_out_at_parse_time(self):
        for dag_id, name in DAG_FILES.items():
            tree = ast.parse((DAGS / name).read_text(encoding="utf-8"), filename=name)
            self.assertTrue(ast.get_docstring(tree), f"{name} needs a docstring")
            doc = ast.get_docstring(tree)
            for word in ("Schedule", "Reads", "Writes"):
                self.assertIn(word, doc, f"{name}'s docstring names its {word.lower()}")
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                    for n in names:
                        self.assertNotIn(n.split(".")[0], FORBIDDEN_IMPORTS, f"{name} imports {n}")
                if isinstance(node, ast.Name):
                    self.assertNotEqual(node.id, "Variable",
                                        f"{name} reads Variables at parse time; use Jinja")


class DagStructure(unittest.TestCase):
    def test_dag_ids_defaults_and_timeouts(self):
        for dag_id, name in DAG_FILES.items():
            dag = load_dag(name)
            self.assertEqual(dag.dag_id, dag_id)
            args = dag.kwargs["default_args"]
            self.assertGreaterEqual(args["retries"], 2, dag_id)
            self.assertIn("execution_timeout", args, dag_id)
            self.assertIn("dagrun_timeout", dag.kwargs, dag_id)
            self.assertFalse(dag.kwargs["catchup"], dag_id)

    def test_every_cluster_is_terminated_whatever_happened(self):
        for name in DAG_FILES.values():
            dag = load_dag(name)
            terminate = dag.tasks["terminate_cluster"]
            self.assertEqual(terminate.trigger_rule, "all_done")
            self.assertIn("create_cluster", dag.tasks)
            self.assertEqual(dag.tasks["create_cluster"].upstream, set())
            # Every step added is waited for by a sensor with a timeout.
            for task in dag.tasks.values():
                if type(task).__name__ == "EmrAddStepsOperator":
                    sensors = [dag.tasks[t] for t in task.downstream]
                    self.assertTrue(sensors and all(type(s).__name__ == "EmrStepSensor"
                                                    and s.kwargs.get("timeout") for s in sensors),
                                    f"{dag.dag_id}.{task.task_id} is not waited for")

    def test_a_long_running_cluster_by_configuration_replaces_create_and_terminate(self):
        for name in DAG_FILES.values():
            dag = load_dag(name, long_running="j-LONGRUNNING")
            self.assertNotIn("create_cluster", dag.tasks, name)
            self.assertNotIn("terminate_cluster", dag.tasks, name)
            for task in dag.tasks.values():
                self.assertEqual(task.kwargs["job_flow_id"], "j-LONGRUNNING", task.task_id)
            created = load_dag(name)
            for task in created.tasks.values():
                if "job_flow_id" in task.kwargs:
                    self.assertIn("create_cluster", task.kwargs["job_flow_id"], task.task_id)

    def test_settle_match_runs_one_settlement_step(self):
        dag = load_dag("settle_match.py")
        chain = ["create_cluster", "settle", "wait_settle", "terminate_cluster"]
        self.assertEqual(set(dag.tasks), set(chain))
        for a, b in zip(chain, chain[1:]):
            self.assertEqual(dag.tasks[a].downstream, {b})
        self.assertEqual(dag.tasks["settle"].kwargs["steps"], "{{ settle_steps(dag_run.conf) }}")
        self.assertIs(dag.kwargs["user_defined_macros"]["settle_steps"], steps.settle_steps)
        self.assertTrue(dag.kwargs["render_template_as_native_obj"])
        self.assertIsNone(dag.kwargs["schedule"])

    def test_match_day_goes_pre_live_post_in_order(self):
        dag = load_dag("match_day.py")
        before_live = ["create_cluster", "pre_match", "wait_pre_match", "land_lineups",
                       "wait_land_lineups"]
        after_live = ["score", "wait_score", "final_leaderboard", "wait_final_leaderboard",
                      "settle", "wait_settle", "quality_report", "wait_quality_report",
                      "terminate_cluster"]
        live = ["live_landing", "wait_live_landing", "live_leaderboard", "wait_live_leaderboard"]
        self.assertEqual(set(dag.tasks), set(before_live + live + after_live))
        for chain in (before_live, after_live):
            for a, b in zip(chain, chain[1:]):
                self.assertEqual(dag.tasks[a].downstream, {b}, f"{a} >> {b}")
        # The landing and the live leaderboard run side by side; post-match waits for both.
        self.assertEqual(dag.tasks["wait_land_lineups"].downstream,
                         {"live_landing", "live_leaderboard"})
        for job in ("live_landing", "live_leaderboard"):
            self.assertEqual(dag.tasks[job].downstream, {"wait_" + job})
            self.assertEqual(dag.tasks["wait_" + job].downstream, {"score"})
        macros = dag.kwargs["user_defined_macros"]
        for task in dag.tasks.values():
            if type(task).__name__ == "EmrAddStepsOperator":
                macro = task.kwargs["steps"].split("(")[0].strip("{[ ")
                self.assertIn(macro, macros, task.task_id)

    def test_maintenance_covers_every_declared_table_nightly(self):
        dag = load_dag("lakehouse_maintenance.py")
        self.assertEqual(dag.kwargs["schedule"], "30 2 * * *")
        _, tables = cli_contract()
        self.assertEqual(sorted(steps.TABLES), sorted(tables))
        for table in tables:
            safe = table.replace(".", "__")
            self.assertEqual(dag.tasks[f"maintain_{safe}"].downstream, {f"wait_{safe}"})
            self.assertEqual(dag.tasks[f"wait_{safe}"].downstream, {"terminate_cluster"})


class StepsAndTheCli(unittest.TestCase):
    def test_every_command_and_option_a_step_runs_exists_in_the_cli(self):
        commands, _ = cli_contract()
        self.assertIn(("settle",), commands, "the generated command list looks empty")
        for step in every_step():
            args = steps.dugout_command(step)
            path = max((p for p in commands if tuple(args[:len(p)]) == p), key=len, default=None)
            self.assertIsNotNone(path, f"step {step['Name']}: `dugout {' '.join(args)}`"
                                       " is not a command of the CLI")
            for token in args[len(path):]:
                if token.startswith("--"):
                    self.assertIn(token, commands[path],
                                  f"step {step['Name']}: `dugout {' '.join(path)}` has no {token}")

    def test_steps_run_spark_submit_in_cluster_mode_from_the_jobs_jar(self):
        for step in every_step():
            args = step["HadoopJarStep"]["Args"]
            self.assertEqual(step["HadoopJarStep"]["Jar"], "command-runner.jar")
            self.assertEqual(args[:5], ["spark-submit", "--deploy-mode", "cluster", "--class",
                                        "dev.dugout.cli.DugoutCli"])
            self.assertIn("dugout_jobs_jar", args[5])

    def test_settle_conf_is_checked(self):
        with self.assertRaisesRegex(ValueError, "match_id"):
            steps.settle_steps({})
        with self.assertRaisesRegex(ValueError, "reason"):
            steps.settle_steps({"match_id": "1", "rerun": True})
        with self.assertRaisesRegex(ValueError, "rerun"):
            steps.settle_steps({"match_id": "1", "publish": True})
        with self.assertRaisesRegex(ValueError, "rerun"):
            steps.settle_steps({"match_id": "1", "dry_run": True})
        with self.assertRaisesRegex(ValueError, "exclude each other"):
            steps.settle_steps({"match_id": "1", "rerun": True, "reason": "r", "publish": True,
                                "dry_run": True})
        self.assertEqual(steps.dugout_command(steps.settle_steps(
            {"match_id": "9", "rerun": True, "reason": "check", "dry_run": True})[0])[-1],
            "--dry-run")
        args = steps.dugout_command(steps.settle_steps(
            {"match_id": "9", "rerun": True, "reason": "runs fixed", "operator": "ana",
             "publish": True})[0])
        self.assertEqual(args, ["settle", "--match", "9", "--operator", "ana", "--rerun",
                                "--reason", "runs fixed", "--publish"])


class EmrTemplate(unittest.TestCase):
    def setUp(self):
        self.t = json.loads((EMR / "cluster-template.json").read_text(encoding="utf-8"))

    def fleet(self, kind):
        return [f for f in self.t["Instances"]["InstanceFleets"] if f["InstanceFleetType"] == kind]

    def test_spark_35_on_java_17(self):
        self.assertRegex(self.t["ReleaseLabel"], r"^emr-7\.")
        self.assertIn({"Name": "Spark"}, self.t["Applications"])
        env = [c for c in self.t["Configurations"] if c["Classification"] == "spark-env"][0]
        self.assertIn("17", env["Configurations"][0]["Properties"]["JAVA_HOME"])

    def test_primary_and_core_on_demand_tasks_on_spot(self):
        for kind in ("MASTER", "CORE"):
            (f,) = self.fleet(kind)
            self.assertGreater(f.get("TargetOnDemandCapacity", 0), 0, kind)
            self.assertEqual(f.get("TargetSpotCapacity", 0), 0, kind)
        (task,) = self.fleet("TASK")
        self.assertGreater(task["TargetSpotCapacity"], 0)
        self.assertGreaterEqual(len({c["InstanceType"] for c in task["InstanceTypeConfigs"]}), 5)
        spot = task["LaunchSpecifications"]["SpotSpecification"]
        self.assertEqual(spot["AllocationStrategy"], "price-capacity-optimized")
        self.assertEqual(spot["TimeoutAction"], "SWITCH_TO_ON_DEMAND")

    def test_drivers_stay_on_core_nodes_and_spot_loss_migrates_blocks(self):
        conf = {c["Classification"]: c.get("Properties", {}) for c in self.t["Configurations"]}
        self.assertEqual(conf["yarn-site"]["yarn.node-labels.enabled"], "true")
        self.assertEqual(conf["yarn-site"]["yarn.node-labels.am.default-node-label-expression"],
                         "CORE")
        spark = conf["spark-defaults"]
        for key in ("spark.decommission.enabled", "spark.storage.decommission.enabled",
                    "spark.storage.decommission.rddBlocks.enabled",
                    "spark.storage.decommission.shuffleBlocks.enabled"):
            self.assertEqual(spark[key], "true", key)
        self.assertEqual(spark["spark.yarn.am.nodeLabelExpression"], "CORE")
        self.assertEqual(conf["iceberg-defaults"]["iceberg.enabled"], "true")
        self.assertEqual(spark["spark.yarn.appMasterEnv.DUGOUT_CATALOG_TYPE"], "glue")


if __name__ == "__main__":
    unittest.main()
