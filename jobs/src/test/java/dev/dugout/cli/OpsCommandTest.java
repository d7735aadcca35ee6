package dev.dugout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.orchestration.airflow.AirflowClient;
import dev.dugout.orchestration.airflow.AirflowContractServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `dugout ops` against a local server holding it to Airflow 3's REST contract: the settle_match
 * DAG is triggered with the rerun's conf and followed task by task; `status` finds the match's
 * runs. The password comes from a file outside the repository.
 */
class OpsCommandTest {
  static final List<String> TASKS = List.of("create_cluster", "settle", "wait_settle",
      "terminate_cluster");
  AirflowContractServer server;
  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  record Result(int code, String out) {}

  Result run(String... args) throws Exception {
    server = server != null ? server : new AirflowContractServer(AirflowClient.Api.V2, "ops",
        "s3cret", Map.of("settle_match", TASKS, "match_day", List.of("create_cluster")));
    Path password = dir.resolve("airflow-password");
    Files.writeString(password, "s3cret\n");
    Path config = dir.resolve("dugout.properties");
    Files.writeString(config, "airflow.url=" + server.url() + "\nairflow.api=v2\n"
        + "airflow.username=ops\nairflow.password-file=" + password + "\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DugoutCli cli = new DugoutCli(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    cli.using(DugoutConfig.load(config, Map.of()), null);
    int code = cli.execute(args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void rerunSettlementTriggersTheDagWithItsConfAndFollowsIt() throws Exception {
    Result r = run("ops", "rerun-settlement", "--match", "1370353", "--reason", "runs fixed",
        "--operator", "ops-dana", "--publish", "--wait", "--poll", "10ms");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("triggered settle_match run rerun_1370353_")
        .contains("settle               running", "settle               success")
        .contains(": success");
    var trigger = server.requests.stream().filter(q -> q.method().equals("POST")
        && q.path().equals("/api/v2/dags/settle_match/dagRuns")).findFirst().orElseThrow();
    assertThat(trigger.body().get("conf").toString()).isEqualTo("{\"match_id\":\"1370353\","
        + "\"rerun\":true,\"reason\":\"runs fixed\",\"operator\":\"ops-dana\",\"publish\":true}");
    assertThat(run("ops", "status", "--match", "1370353").out())
        .contains("settle_match", "rerun_1370353_", "success");
  }

  @Test
  void aDryRunRerunAsksTheDagForADryRun() throws Exception {
    Result r = run("ops", "rerun-settlement", "--match", "1370353", "--reason", "check",
        "--operator", "ops-dana", "--dry-run");
    assertThat(r.code()).as(r.out()).isZero();
    var trigger = server.requests.stream().filter(q -> q.method().equals("POST")
        && q.path().equals("/api/v2/dags/settle_match/dagRuns")).findFirst().orElseThrow();
    assertThat(trigger.body().get("conf").toString()).isEqualTo("{\"match_id\":\"1370353\","
        + "\"rerun\":true,\"reason\":\"check\",\"operator\":\"ops-dana\",\"publish\":false,"
        + "\"dry_run\":true}");
  }

  @Test
  void aFailedRunFailsTheCommand() throws Exception {
    server = new AirflowContractServer(AirflowClient.Api.V2, "ops", "s3cret",
        Map.of("settle_match", TASKS, "match_day", List.of("create_cluster")));
    server.failTask("settle");
    Result r = run("ops", "rerun-settlement", "--match", "7", "--reason", "x", "--wait",
        "--poll", "10ms");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).contains("settle               failed", "terminate_cluster    upstream_failed");
  }
}
