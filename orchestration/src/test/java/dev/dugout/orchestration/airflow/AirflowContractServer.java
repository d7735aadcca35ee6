package dev.dugout.orchestration.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server that holds a client to Airflow's stable REST API contract, as Airflow 2
 * ({@code /api/v1}, basic auth, problem+json errors, 400 for a bad body) or Airflow 3
 * ({@code /api/v2}, a JWT from {@code POST /auth/token} answered 201, 401 "Token Expired" and 403
 * "Invalid JWT token", {@code {"detail": ...}} errors, 422 for a bad body with the validation list,
 * {@code logical_date} a required key, unknown fields refused). DAG runs move through queued,
 * running and success one task per read. Faults on demand: 5xx answers, expired tokens.
 *
 * <p>Binds 127.0.0.1 on a free port; {@link #close()} stops it.
 */
public final class AirflowContractServer implements AutoCloseable {
  public record Request(String method, String path, String authorization, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUNS = Pattern.compile("/dags/([^/]+)/dagRuns");
  private static final Pattern RUN = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)");
  private static final Pattern TASKS = Pattern.compile("/dags/([^/]+)/dagRuns/([^/]+)/taskInstances");
  private static final Pattern CLEAR = Pattern.compile("/dags/([^/]+)/clearTaskInstances");
  private static final Set<String> TRIGGER_FIELDS_V2 = Set.of("dag_run_id", "logical_date",
      "data_interval_start", "data_interval_end", "run_after", "conf", "note");
  private static final Set<String> TRIGGER_FIELDS_V1 = Set.of("dag_run_id", "logical_date",
      "execution_date", "conf", "note", "data_interval_start", "data_interval_end");
  private static final Set<String> CLEAR_FIELDS = Set.of("dry_run", "only_failed", "only_running",
      "reset_dag_runs", "task_ids", "dag_run_id", "start_date", "end_date", "include_upstream",
      "include_downstream", "include_future", "include_past");

  private final AirflowClient.Api api;
  private final String username;
  private final String password;
  private final Map<String, List<String>> dags;
  private final HttpServer server;
  private final Map<String, Boolean> tokens = new HashMap<>();   // token -> still valid
  private final Map<String, Run> runs = new LinkedHashMap<>();
  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private int failuresLeft;
  private int failureStatus;
  private String failingTask;

  private static final class Run {
    final String dagId;
    final String runId;
    final JsonNode conf;
    final String startDate = Instant.now().toString();
    final Map<String, String> tasks = new LinkedHashMap<>();
    String state = "queued";

    Run(String dagId, String runId, JsonNode conf, List<String> taskIds) {
      this.dagId = dagId;
      this.runId = runId;
      this.conf = conf;
      taskIds.forEach(t -> tasks.put(t, null));
    }
  }

  /** @param dags each DAG the server knows, with its task ids in order */
  public AirflowContractServer(AirflowClient.Api api, String username, String password,
      Map<String, List<String>> dags) throws IOException {
    this.api = api;
    this.username = username;
    this.password = password;
    this.dags = dags;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code n} API requests (not logins) answer {@code status}. */
  public synchronized void failNext(int n, int status) {
    failuresLeft = n;
    failureStatus = status;
  }

  /** Every token issued so far stops being accepted (as after its expiry). */
  public synchronized void expireTokens() {
    tokens.replaceAll((t, valid) -> false);
  }

  /** This task fails when its turn comes, and so does its DAG run. */
  public synchronized void failTask(String taskId) {
    failingTask = taskId;
  }

  public long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method)
        && r.path().startsWith(pathPrefix)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange x) throws IOException {
    try (x) {
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getPath();
      String query = x.getRequestURI().getRawQuery();
      byte[] raw = x.getRequestBody().readAllBytes();
      JsonNode body = null;
      if (raw.length > 0) {
        try {
          body = JSON.readTree(raw);
        } catch (IOException e) {
          send(x, api == AirflowClient.Api.V2 ? 422 : 400, error(api == AirflowClient.Api.V2
              ? 422 : 400, "request body is not JSON"));
          return;
        }
      }
      String auth = x.getRequestHeaders().getFirst("Authorization");
      requests.add(new Request(method, path, auth, body));
      if (path.equals("/auth/token")) {
        login(x, method, body);
        return;
      }
      String prefix = api == AirflowClient.Api.V1 ? "/api/v1" : "/api/v2";
      if (!path.startsWith(prefix + "/")) {
        send(x, 404, error(404, "no such endpoint: " + path));
        return;
      }
      if (!authorized(x, auth)) {
        return;
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        send(x, failureStatus, error(failureStatus, "injected failure"));
        return;
      }
      String p = path.substring(prefix.length());
      Matcher m;
      if ((m = TASKS.matcher(p)).matches() && method.equals("GET")) {
        taskInstances(x, m.group(1), decode(m.group(2)), query);
      } else if ((m = RUN.matcher(p)).matches() && method.equals("GET")) {
        getRun(x, m.group(1), decode(m.group(2)));
      } else if ((m = RUNS.matcher(p)).matches() && method.equals("POST")) {
        trigger(x, m.group(1), body);
      } else if ((m = RUNS.matcher(p)).matches() && method.equals("GET")) {
        listRuns(x, m.group(1), query);
      } else if ((m = CLEAR.matcher(p)).matches() && method.equals("POST")) {
        clear(x, m.group(1), body);
      } else {
        send(x, 405, error(405, method + " " + p + " is not part of the API"));
      }
    }
  }

  private void login(HttpExchange x, String method, JsonNode body) throws IOException {
    if (api == AirflowClient.Api.V1) {
      send(x, 404, error(404, "Airflow 2 has no /auth/token"));
      return;
    }
    if (!method.equals("POST") || body == null || !body.isObject()) {
      send(x, 422, validation("body", "a JSON object {username, password} is required"));
      return;
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("username") && !f.equals("password")) {
        send(x, 422, validation(f, "Extra inputs are not permitted"));
        return;
      }
    }
    if (!username.equals(body.path("username").asText()) || !password.equals(body.path("password").asText())) {
      send(x, 401, error(401, "Invalid credentials"));
      return;
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, true);
    ObjectNode answer = JSON.createObjectNode().put("access_token", token);
    send(x, 201, answer);
  }

  private boolean authorized(HttpExchange x, String auth) throws IOException {
    if (api == AirflowClient.Api.V1) {
      String expected = "Basic " + Base64.getEncoder().encodeToString(
          (username + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(auth)) {
        send(x, 401, error(401, "Invalid credentials"));
        return false;
      }
      return true;
    }
    if (auth == null || !auth.startsWith("Bearer ")) {
      send(x, 401, error(401, "Not authenticated"));
      return false;
    }
    Boolean valid = tokens.get(auth.substring("Bearer ".length()));
    if (valid == null) {
      send(x, 403, error(403, "Invalid JWT token"));
      return false;
    }
    if (!valid) {
      send(x, 401, error(401, "Token Expired"));
      return false;
    }
    return true;
  }

  private void trigger(HttpExchange x, String dagId, JsonNode body) throws IOException {
    if (!dags.containsKey(dagId)) {
      send(x, 404, error(404, "The Dag with ID: `" + dagId + "` was not found"));
      return;
    }
    int invalid = api == AirflowClient.Api.V2 ? 422 : 400;
    if (body == null || !body.isObject()) {
      send(x, invalid, validation("body", "a JSON object is required"));
      return;
    }
    Set<String> allowed = api == AirflowClient.Api.V2 ? TRIGGER_FIELDS_V2 : TRIGGER_FIELDS_V1;
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        send(x, invalid, validation(f, "Extra inputs are not permitted"));
        return;
      }
    }
    if (api == AirflowClient.Api.V2 && !body.has("logical_date")) {
      send(x, 422, validation("logical_date", "Field required"));
      return;
    }
    if (body.has("conf") && !body.get("conf").isObject()) {
      send(x, invalid, validation("conf", "Input should be a valid dictionary"));
      return;
    }
    String runId = body.path("dag_run_id").asText("manual__" + Instant.now());
    if (runs.containsKey(dagId + "/" + runId)) {
      if (api == AirflowClient.Api.V1) {
        send(x, 409, error(409, "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId
            + "' already exists"));
      } else {
        ObjectNode detail = JSON.createObjectNode().put("reason", "Unique constraint violation")
            .put("message", "DAGRun with DAG ID: '" + dagId + "' and DAGRun ID: '" + runId
                + "' already exists");
        send(x, 409, JSON.createObjectNode().set("detail", detail));
      }
      return;
    }
    Run run = new Run(dagId, runId, body.path("conf").isObject() ? body.get("conf")
        : JSON.createObjectNode(), dags.get(dagId));
    runs.put(dagId + "/" + runId, run);
    send(x, 200, runJson(run));
  }

  private void getRun(HttpExchange x, String dagId, String runId) throws IOException {
    Run run = runs.get(dagId + "/" + runId);
    if (run == null) {
      send(x, 404, error(404, "The DagRun with dag_id: `" + dagId + "` and run_id: `" + runId
          + "` was not found"));
      return;
    }
    advance(run);
    send(x, 200, runJson(run));
  }

  /** One step of the run: the next task starts, or the running one finishes. */
  private void advance(Run run) {
    if (run.state.equals("success") || run.state.equals("failed")) {
      return;
    }
    run.state = "running";
    for (var t : run.tasks.entrySet()) {
      if (t.getValue() == null) {
        t.setValue("running");
        return;
      }
      if (t.getValue().equals("running")) {
        boolean fails = t.getKey().equals(failingTask);
        t.setValue(fails ? "failed" : "success");
        if (fails) {
          run.tasks.replaceAll((k, v) -> v == null ? "upstream_failed" : v);
          run.state = "failed";
        }
        return;
      }
    }
    run.state = "success";
  }

  private void listRuns(HttpExchange x, String dagId, String query) throws IOException {
    Map<String, String> q = query(query);
    String order = q.getOrDefault("order_by", "id");
    if (!Set.of("id", "-id", "start_date", "-start_date", "logical_date", "-logical_date")
        .contains(order)) {
      send(x, 400, error(400, "Ordering with '" + order + "' is disallowed"));
      return;
    }
    List<Run> selected = new ArrayList<>();
    for (Run r : runs.values()) {
      if (r.dagId.equals(dagId)) {
        selected.add(r);
      }
    }
    if (order.startsWith("-")) {
      java.util.Collections.reverse(selected);
    }
    int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
    ArrayNode list = JSON.createArrayNode();
    selected.stream().limit(limit).forEach(r -> list.add(runJson(r)));
    ObjectNode page = JSON.createObjectNode();
    page.set("dag_runs", list);
    page.put("total_entries", selected.size());
    send(x, 200, page);
  }

  private void taskInstances(HttpExchange x, String dagId, String runId, String query)
      throws IOException {
    Run run = runs.get(dagId + "/" + runId);
    if (run == null) {
      send(x, 404, error(404, "DagRun not found"));
      return;
    }
    Map<String, String> q = query(query);
    int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
    int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
    ArrayNode list = JSON.createArrayNode();
    List<Map.Entry<String, String>> tasks = new ArrayList<>(run.tasks.entrySet());
    for (int i = offset; i < Math.min(tasks.size(), offset + limit); i++) {
      ObjectNode t = JSON.createObjectNode().put("task_id", tasks.get(i).getKey())
          .put("dag_id", dagId).put("dag_run_id", runId).put("try_number", 1);
      if (tasks.get(i).getValue() == null) {
        t.putNull("state");
      } else {
        t.put("state", tasks.get(i).getValue());
      }
      list.add(t);
    }
    ObjectNode page = JSON.createObjectNode();
    page.set("task_instances", list);
    page.put("total_entries", tasks.size());
    send(x, 200, page);
  }

  private void clear(HttpExchange x, String dagId, JsonNode body) throws IOException {
    int invalid = api == AirflowClient.Api.V2 ? 422 : 400;
    if (!dags.containsKey(dagId)) {
      send(x, 404, error(404, "Dag id " + dagId + " not found"));
      return;
    }
    if (body == null || !body.isObject()) {
      send(x, invalid, validation("body", "a JSON object is required"));
      return;
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!CLEAR_FIELDS.contains(f)) {
        send(x, invalid, validation(f, "Extra inputs are not permitted"));
        return;
      }
    }
    if (body.has("task_ids") && (!body.get("task_ids").isArray() || body.get("task_ids").isEmpty())) {
      send(x, invalid, validation("task_ids", "List should have at least 1 item"));
      return;
    }
    boolean dryRun = body.path("dry_run").asBoolean(true);
    boolean onlyFailed = body.path("only_failed").asBoolean(true);
    ArrayNode cleared = JSON.createArrayNode();
    for (Run run : runs.values()) {
      if (!run.dagId.equals(dagId) || (body.has("dag_run_id")
          && !run.runId.equals(body.get("dag_run_id").asText()))) {
        continue;
      }
      for (var t : run.tasks.entrySet()) {
        boolean named = !body.has("task_ids") || contains(body.get("task_ids"), t.getKey());
        boolean eligible = !onlyFailed || "failed".equals(t.getValue())
            || "upstream_failed".equals(t.getValue());
        if (named && eligible && t.getValue() != null) {
          cleared.add(JSON.createObjectNode().put("task_id", t.getKey()).put("dag_id", dagId)
              .put("dag_run_id", run.runId));
          if (!dryRun) {
            t.setValue(null);
          }
        }
      }
      if (!dryRun && cleared.size() > 0) {
        run.state = "queued";
        failingTask = null;
      }
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("task_instances", cleared);
    if (api == AirflowClient.Api.V2) {
      answer.put("total_entries", cleared.size());
    }
    send(x, 200, answer);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode runJson(Run run) {
    ObjectNode r = JSON.createObjectNode().put("dag_id", run.dagId).put("dag_run_id", run.runId)
        .put("state", run.state).put("start_date", run.startDate);
    r.putNull("end_date");
    r.putNull("logical_date");
    r.set("conf", run.conf);
    return r;
  }

  /** An error body as this API version writes it. */
  private JsonNode error(int status, String detail) {
    if (api == AirflowClient.Api.V1) {
      return JSON.createObjectNode().put("type", "https://airflow.apache.org/docs/apache-airflow/"
              + "stable/stable-rest-api-ref.html#section/Errors").put("title", title(status))
          .put("status", status).put("detail", detail);
    }
    return JSON.createObjectNode().put("detail", detail);
  }

  private JsonNode validation(String field, String message) {
    if (api == AirflowClient.Api.V1) {
      return error(400, "{'" + field + "': ['" + message + "']}");
    }
    ArrayNode detail = JSON.createArrayNode();
    ObjectNode e = JSON.createObjectNode().put("type", "value_error").put("msg", message);
    e.set("loc", JSON.createArrayNode().add("body").add(field));
    detail.add(e);
    return JSON.createObjectNode().set("detail", detail);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      default -> status >= 500 ? "Service Unavailable" : "Error";
    };
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int i = kv.indexOf('=');
        q.put(decode(i < 0 ? kv : kv.substring(0, i)), i < 0 ? "" : decode(kv.substring(i + 1)));
      }
    }
    return q;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", status >= 400 && body.has("title")
        ? "application/problem+json" : "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
  }
}
