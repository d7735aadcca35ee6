package dev.dugout.orchestration.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dugout.orchestration.airflow.AirflowModels.ClearRequest;
import dev.dugout.orchestration.airflow.AirflowModels.DagRun;
import dev.dugout.orchestration.airflow.AirflowModels.TaskInstance;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small typed client for Airflow's stable REST API: Airflow 3 ({@code /api/v2}, a JWT from
 * {@code POST /auth/token}, renewed once when Airflow answers 401 or 403) or Airflow 2
 * ({@code /api/v1}, HTTP basic auth). Error answers become {@link AirflowException}s carrying the
 * server's message; 5xx answers and connection failures are retried with exponential backoff and
 * jitter, nothing else is.
 */
public final class AirflowClient {
  /** Which API the server speaks. */
  public enum Api { V1, V2 }

  /**
   * @param baseUrl the Airflow web server or API server, e.g. {@code https://airflow.example.com}
   * @param attempts tries per request, counting the first (5xx and connection failures only)
   */
  public record Settings(URI baseUrl, Api api, String username, String password,
      Duration timeout, int attempts, Duration backoff) {
    public Settings {
      if (baseUrl == null || api == null || username == null || password == null) {
        throw new IllegalArgumentException("Airflow client: url, api, username and password are"
            + " required");
      }
      if (attempts < 1) {
        throw new IllegalArgumentException("Airflow client: attempts must be at least 1");
      }
    }

    public static Settings of(URI baseUrl, Api api, String username, String password) {
      return new Settings(baseUrl, api, username, password, Duration.ofSeconds(30), 4,
          Duration.ofMillis(500));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final HttpClient http;
  private String token;

  public AirflowClient(Settings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /** Triggers a DAG run with {@code conf}; {@code dagRunId} may be null for Airflow to choose. */
  public DagRun triggerDagRun(String dagId, String dagRunId, Map<String, ?> conf) {
    ObjectNode body = JSON.createObjectNode();
    if (dagRunId != null) {
      body.put("dag_run_id", dagRunId);
    }
    if (settings.api() == Api.V2) {
      body.putNull("logical_date");   // a required key in v2; null means "now, not a data interval"
    }
    body.set("conf", JSON.valueToTree(conf));
    return dagRun(call("POST", "/dags/" + enc(dagId) + "/dagRuns", body));
  }

  public DagRun getDagRun(String dagId, String dagRunId) {
    return dagRun(call("GET", "/dags/" + enc(dagId) + "/dagRuns/" + enc(dagRunId), null));
  }

  /** The DAG's latest runs, newest first. */
  public List<DagRun> latestDagRuns(String dagId, int limit) {
    JsonNode page = call("GET", "/dags/" + enc(dagId) + "/dagRuns?order_by=-start_date&limit="
        + limit, null);
    List<DagRun> runs = new ArrayList<>();
    for (JsonNode r : page.path("dag_runs")) {
      runs.add(dagRun(r));
    }
    return runs;
  }

  public List<TaskInstance> taskInstances(String dagId, String dagRunId) {
    List<TaskInstance> all = new ArrayList<>();
    int limit = 100;
    for (int offset = 0; ; offset += limit) {
      JsonNode page = call("GET", "/dags/" + enc(dagId) + "/dagRuns/" + enc(dagRunId)
          + "/taskInstances?limit=" + limit + "&offset=" + offset, null);
      for (JsonNode t : page.path("task_instances")) {
        all.add(taskInstance(t));
      }
      if (page.path("task_instances").size() < limit
          || all.size() >= page.path("total_entries").asInt(all.size())) {
        return all;
      }
    }
  }

  /** Clears task instances (or, with dry run, lists what would be cleared). */
  public List<String> clearTaskInstances(String dagId, ClearRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("dry_run", request.dryRun());
    body.put("only_failed", request.onlyFailed());
    if (request.dagRunId() != null) {
      body.put("dag_run_id", request.dagRunId());
    }
    if (request.taskIds() != null) {
      body.set("task_ids", JSON.valueToTree(request.taskIds()));
    }
    JsonNode answer = call("POST", "/dags/" + enc(dagId) + "/clearTaskInstances", body);
    List<String> cleared = new ArrayList<>();
    for (JsonNode t : answer.path("task_instances")) {
      cleared.add(t.path("task_id").asText());
    }
    return cleared;
  }

  private JsonNode call(String method, String path, JsonNode body) {
    String request = method + " " + apiPath(path);
    boolean renewed = false;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(build(method, apiPath(path), body), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (attempt >= settings.attempts()) {
          throw new AirflowException.Unavailable(request + ": no answer from "
              + settings.baseUrl() + " after " + attempt + " attempt(s): " + e, e);
        }
        pause(attempt);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirflowException(request + ": interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return parse(request, response.body());
      }
      String detail = detail(response.body());
      if ((status == 401 || status == 403) && settings.api() == Api.V2 && !renewed) {
        token = null;          // expired or revoked: log in again, once
        renewed = true;
        attempt--;
        continue;
      }
      if (status >= 500 && attempt < settings.attempts()) {
        pause(attempt);
        continue;
      }
      throw switch (status) {
        case 401, 403 -> new AirflowException.Unauthorized(request, status, detail);
        case 404 -> new AirflowException.NotFound(request, status, detail);
        case 409 -> new AirflowException.Conflict(request, status, detail);
        case 400, 422 -> new AirflowException.Invalid(request, status, detail);
        default -> status >= 500 ? new AirflowException.Unavailable(request, status, detail)
            : new AirflowException(request, status, detail);
      };
    }
  }

  private HttpRequest build(String method, String path, JsonNode body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(settings.baseUrl().resolve(path))
        .timeout(settings.timeout())
        .header("Accept", "application/json")
        .header("Authorization", authorization());
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  private String authorization() {
    if (settings.api() == Api.V1) {
      return "Basic " + Base64.getEncoder().encodeToString(
          (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
    }
    if (token == null) {
      token = login();
    }
    return "Bearer " + token;
  }

  /** Airflow 3: a JWT for the configured user. */
  private String login() {
    ObjectNode body = JSON.createObjectNode();
    body.put("username", settings.username());
    body.put("password", settings.password());
    String request = "POST /auth/token";
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                settings.baseUrl().resolve("/auth/token"))
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
            HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          String jwt = parse(request, response.body()).path("access_token").asText("");
          if (jwt.isEmpty()) {
            throw new AirflowException(request, status, "no access_token in the answer");
          }
          return jwt;
        }
        if (status >= 500 && attempt < settings.attempts()) {
          pause(attempt);
          continue;
        }
        String detail = detail(response.body());
        throw status == 401 || status == 403
            ? new AirflowException.Unauthorized(request, status, detail)
            : status >= 500 ? new AirflowException.Unavailable(request, status, detail)
            : new AirflowException.Invalid(request, status, detail);
      } catch (IOException e) {
        if (attempt >= settings.attempts()) {
          throw new AirflowException.Unavailable(request + ": no answer from "
              + settings.baseUrl() + ": " + e, e);
        }
        pause(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirflowException(request + ": interrupted", e);
      }
    }
  }

  private String apiPath(String path) {
    return (settings.api() == Api.V1 ? "/api/v1" : "/api/v2") + path;
  }

  /** Backoff before retry {@code attempt + 1}: base x 2^(attempt-1), plus up to 50% jitter. */
  private void pause(int attempt) {
    long base = settings.backoff().toMillis() << Math.min(attempt - 1, 10);
    long jitter = ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      Thread.sleep(base + jitter);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowException("interrupted while backing off", e);
    }
  }

  private static JsonNode parse(String request, String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw new AirflowException(request + ": the answer is not JSON: " + abbreviate(body), e);
    }
  }

  /** The server's message: {@code detail} (a string, or v2's validation list) or the raw body. */
  static String detail(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      JsonNode d = n.path("detail");
      if (d.isTextual()) {
        return d.asText();
      }
      if (d.isArray()) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : d) {
          parts.add(e.path("loc").toString() + " " + e.path("msg").asText());
        }
        return String.join("; ", parts);
      }
      if (!d.isMissingNode()) {
        return d.toString();
      }
      return n.path("title").asText(abbreviate(body));
    } catch (IOException | RuntimeException e) {
      return abbreviate(body);
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static DagRun dagRun(JsonNode r) {
    Map<String, Object> conf = new LinkedHashMap<>();
    if (r.path("conf").isObject()) {
      conf = JSON.convertValue(r.path("conf"), JSON.getTypeFactory()
          .constructMapType(LinkedHashMap.class, String.class, Object.class));
    }
    return new DagRun(r.path("dag_id").asText(null), r.path("dag_run_id").asText(null),
        r.path("state").asText(null), conf, text(r, "start_date"), text(r, "end_date"));
  }

  private static TaskInstance taskInstance(JsonNode t) {
    return new TaskInstance(t.path("task_id").asText(), text(t, "state"),
        t.path("try_number").asInt(0), text(t, "start_date"), text(t, "end_date"));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }
}
