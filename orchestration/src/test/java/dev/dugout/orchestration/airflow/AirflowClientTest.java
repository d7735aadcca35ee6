package dev.dugout.orchestration.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.orchestration.airflow.AirflowClient.Api;
import dev.dugout.orchestration.airflow.AirflowModels.ClearRequest;
import dev.dugout.orchestration.airflow.AirflowModels.DagRun;
import dev.dugout.orchestration.airflow.AirflowModels.TaskInstance;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against a local server holding it to the REST contract of Airflow 2 and 3. */
class AirflowClientTest {
  static final List<String> SETTLE_TASKS = List.of("create_cluster", "settle", "wait_settle",
      "terminate_cluster");
  AirflowContractServer server;

  AirflowClient client(Api api, String password) throws Exception {
    server = new AirflowContractServer(api, "ops", "s3cret", Map.of("settle_match", SETTLE_TASKS));
    return new AirflowClient(new AirflowClient.Settings(server.url(), api, "ops", password,
        Duration.ofSeconds(5), 3, Duration.ofMillis(10)));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aTriggeredRunIsFollowedToItsEnd(Api api) throws Exception {
    AirflowClient c = client(api, "s3cret");
    DagRun run = c.triggerDagRun("settle_match", "settle_1370353_1",
        Map.of("match_id", "1370353", "rerun", true, "reason", "runs fixed"));
    assertThat(run.state()).isEqualTo("queued");
    assertThat(run.conf()).containsEntry("match_id", "1370353").containsEntry("rerun", true);
    DagRun now = run;
    for (int i = 0; i < 20 && !now.finished(); i++) {
      now = c.getDagRun("settle_match", run.dagRunId());
    }
    assertThat(now.state()).isEqualTo("success");
    assertThat(c.taskInstances("settle_match", run.dagRunId())).extracting(TaskInstance::taskId,
        TaskInstance::state).containsExactly(
            org.assertj.core.groups.Tuple.tuple("create_cluster", "success"),
            org.assertj.core.groups.Tuple.tuple("settle", "success"),
            org.assertj.core.groups.Tuple.tuple("wait_settle", "success"),
            org.assertj.core.groups.Tuple.tuple("terminate_cluster", "success"));
    assertThat(c.latestDagRuns("settle_match", 5)).extracting(DagRun::dagRunId)
        .containsExactly("settle_1370353_1");
    // Airflow 3 wants the logical_date key (null is fine); the server refuses a body without it.
    if (api == Api.V2) {
      assertThat(server.requests.stream().filter(r -> r.method().equals("POST")
          && r.path().endsWith("/dagRuns")).findFirst().orElseThrow().body().has("logical_date"))
          .isTrue();
    }
  }

  @Test
  void anExpiredTokenIsRenewedOnceAndTheCallGoesThrough() throws Exception {
    AirflowClient c = client(Api.V2, "s3cret");
    c.triggerDagRun("settle_match", "r1", Map.of("match_id", "1"));
    assertThat(server.count("POST", "/auth/token")).isEqualTo(1);
    server.expireTokens();
    assertThat(c.getDagRun("settle_match", "r1").dagRunId()).isEqualTo("r1");
    assertThat(server.count("POST", "/auth/token")).isEqualTo(2);
    // The failed call was answered 401 "Token Expired" and repeated once with the new token.
    assertThat(server.count("GET", "/api/v2/dags/settle_match/dagRuns/r1")).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void wrongCredentialsAreUnauthorizedWithTheServersMessage(Api api) throws Exception {
    AirflowClient c = client(api, "wrong");
    assertThatThrownBy(() -> c.getDagRun("settle_match", "x"))
        .isInstanceOf(AirflowException.Unauthorized.class)
        .hasMessageContaining("HTTP 401").hasMessageContaining("Invalid credentials");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aDuplicateRunIdIsAConflict(Api api) throws Exception {
    AirflowClient c = client(api, "s3cret");
    c.triggerDagRun("settle_match", "same", Map.of("match_id", "1"));
    assertThatThrownBy(() -> c.triggerDagRun("settle_match", "same", Map.of("match_id", "1")))
        .isInstanceOf(AirflowException.Conflict.class)
        .hasMessageContaining("HTTP 409").hasMessageContaining("already exists");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aBodyTheSchemaRefusesIsInvalid(Api api) throws Exception {
    AirflowClient c = client(api, "s3cret");
    // task_ids must hold at least one task: 422 in Airflow 3, 400 in Airflow 2.
    assertThatThrownBy(() -> c.clearTaskInstances("settle_match",
        new ClearRequest(null, List.of(), true, true)))
        .isInstanceOf(AirflowException.Invalid.class)
        .hasMessageContaining(api == Api.V2 ? "HTTP 422" : "HTTP 400")
        .hasMessageContaining("at least 1 item");
    assertThatThrownBy(() -> c.getDagRun("no_such_dag", "x"))
        .isInstanceOf(AirflowException.NotFound.class);
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void serverErrorsAreRetriedAndClientErrorsAreNot(Api api) throws Exception {
    AirflowClient c = client(api, "s3cret");
    c.triggerDagRun("settle_match", "r", Map.of("match_id", "1"));
    server.failNext(2, 503);
    long before = server.count("GET", "/api");
    assertThat(c.getDagRun("settle_match", "r").dagRunId()).isEqualTo("r");
    assertThat(server.count("GET", "/api") - before).isEqualTo(3);   // 503, 503, 200
    server.failNext(10, 502);
    assertThatThrownBy(() -> c.getDagRun("settle_match", "r"))
        .isInstanceOf(AirflowException.Unavailable.class).hasMessageContaining("HTTP 502");
    server.failNext(0, 0);
    long gets = server.count("GET", "/api");
    assertThatThrownBy(() -> c.getDagRun("settle_match", "unknown"))
        .isInstanceOf(AirflowException.NotFound.class);
    assertThat(server.count("GET", "/api") - gets).as("a 404 is not retried").isEqualTo(1);
  }

  @Test
  void noServerAtAllIsUnavailableAfterTheRetries() {
    AirflowClient c = new AirflowClient(new AirflowClient.Settings(URI.create("http://127.0.0.1:1"),
        Api.V1, "ops", "x", Duration.ofSeconds(2), 2, Duration.ofMillis(10)));
    assertThatThrownBy(() -> c.getDagRun("settle_match", "r"))
        .isInstanceOf(AirflowException.Unavailable.class).hasMessageContaining("2 attempt(s)");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void clearingSendsBothFlagsExplicitlyAndADryRunChangesNothing(Api api) throws Exception {
    AirflowClient c = client(api, "s3cret");
    server.failTask("settle");
    DagRun run = c.triggerDagRun("settle_match", "r", Map.of("match_id", "1"));
    for (int i = 0; i < 10 && !c.getDagRun("settle_match", "r").finished(); i++) {
      // follow until it fails
    }
    assertThat(c.getDagRun("settle_match", "r").state()).isEqualTo("failed");
    List<String> wouldClear = c.clearTaskInstances("settle_match",
        new ClearRequest(run.dagRunId(), null, true, true));
    assertThat(wouldClear).containsExactlyInAnyOrder("settle", "wait_settle", "terminate_cluster");
    assertThat(c.getDagRun("settle_match", "r").state()).isEqualTo("failed");
    var sent = server.requests.stream().filter(r -> r.path().endsWith("/clearTaskInstances"))
        .toList();
    assertThat(sent).allSatisfy(r -> assertThat(r.body().has("dry_run")
        && r.body().has("only_failed")).isTrue());
    assertThat(c.clearTaskInstances("settle_match",
        new ClearRequest(run.dagRunId(), null, false, true))).hasSize(3);
    assertThat(c.getDagRun("settle_match", "r").state()).isIn("queued", "running");
  }
}
