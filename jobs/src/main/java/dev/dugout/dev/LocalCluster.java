package dev.dugout.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on 127.0.0.1, from the Master and Worker that ship in spark-core:
 * one master and N workers, each its own JVM with one core and bounded memory, so executors are
 * processes apart from the driver, as on EMR. State (pids, ports) and logs live under
 * {@code <home>/cluster}; {@link #stop} leaves no process behind.
 *
 * <p>Workers launch executors from a {@code SPARK_HOME} whose {@code jars/} links the cluster
 * classpath (what EMR provides); the application jar reaches executors through spark-submit.
 */
public final class LocalCluster {
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  /** How to start a cluster. */
  public record Spec(int workers, String workerMemory, int masterPort, int webUiPort) {
    public Spec {
      if (workers < 1) {
        throw new IllegalArgumentException("--workers must be at least 1, was " + workers);
      }
    }
  }

  /** A running cluster as recorded in its state file. */
  public record State(String masterUrl, int webUiPort, long masterPid, List<Long> workerPids) {
    public boolean alive() {
      return ProcessHandle.of(masterPid).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  private final Path dir;

  public LocalCluster(Path home) {
    this.dir = home.resolve("cluster").toAbsolutePath();
  }

  public Path directory() {
    return dir;
  }

  public State start(Spec spec, BuildArtifacts build) {
    Optional<State> existing = state();
    if (existing.isPresent() && existing.get().alive()) {
      throw new IllegalStateException("a cluster is already running at "
          + existing.get().masterUrl() + "; `dugout dev cluster stop` first");
    }
    try {
      Files.createDirectories(dir.resolve("logs"));
      Path sparkHome = sparkHome(build);
      String masterUrl = "spark://" + HOST + ":" + spec.masterPort();
      Process master = launch(build, sparkHome, "master", List.of(
          "org.apache.spark.deploy.master.Master", "--host", HOST,
          "--port", String.valueOf(spec.masterPort()),
          "--webui-port", String.valueOf(spec.webUiPort())), "1g");
      List<Long> workerPids = new ArrayList<>();
      for (int i = 1; i <= spec.workers(); i++) {
        Path work = Files.createDirectories(dir.resolve("work-" + i));
        Process worker = launch(build, sparkHome, "worker-" + i, List.of(
            "org.apache.spark.deploy.worker.Worker", "--host", HOST, "--port", "0",
            "--webui-port", "0", "--cores", "1", "--memory", spec.workerMemory(),
            "--work-dir", work.toString(), masterUrl), "512m");
        workerPids.add(worker.pid());
      }
      State state = new State(masterUrl, spec.webUiPort(), master.pid(), workerPids);
      save(state);
      awaitWorkers(state, spec.workers());
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local cluster in " + dir, e);
    }
  }

  /** Stops every process of the cluster, executors included. Returns how many were running. */
  public int stop() {
    Optional<State> state = state();
    if (state.isEmpty()) {
      return 0;
    }
    List<ProcessHandle> processes = new ArrayList<>();
    for (long pid : state.get().workerPids()) {
      ProcessHandle.of(pid).ifPresent(p -> {
        p.descendants().forEach(processes::add);
        processes.add(p);
      });
    }
    ProcessHandle.of(state.get().masterPid()).ifPresent(processes::add);
    processes.forEach(ProcessHandle::destroy);
    for (ProcessHandle p : processes) {
      try {
        p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(dir.resolve("cluster.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) processes.stream().filter(p -> p.pid() > 0).count();
  }

  public Optional<State> state() {
    Path file = dir.resolve("cluster.properties");
    Optional<Properties> state = StateFile.read(file);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Properties props = state.get();
    List<Long> workers = new ArrayList<>();
    for (String pid : props.getProperty("worker.pids", "").split(",")) {
      if (!pid.isBlank()) {
        workers.add(Long.parseLong(pid.trim()));
      }
    }
    return Optional.of(new State(props.getProperty("master.url"),
        Integer.parseInt(props.getProperty("webui.port")),
        Long.parseLong(props.getProperty("master.pid")), workers));
  }

  /** Alive workers as the master sees them, from its web UI's JSON. */
  public int aliveWorkers(State state) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + state.webUiPort() + "/json/"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(response.body());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void awaitWorkers(State state, int expected) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (aliveWorkers(state) >= expected) {
        return;
      }
      if (!state.alive()) {
        break;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    stop();
    throw new IllegalStateException("the local cluster did not come up with " + expected
        + " workers within " + START_TIMEOUT.toSeconds() + " s (port in use?); logs in "
        + dir.resolve("logs"));
  }

  private Process launch(BuildArtifacts build, Path sparkHome, String name, List<String> mainAndArgs,
      String heap) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BuildArtifacts.javaExecutable());
    command.add("-Xmx" + heap);
    command.addAll(build.jvmFlags());
    command.add("-cp");
    command.add(build.classpath());
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs").resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.12");
    pb.environment().put("SPARK_LOCAL_IP", HOST);
    pb.environment().put("SPARK_LOG_DIR", dir.resolve("logs").toString());
    return pb.start();
  }

  /** A SPARK_HOME whose jars/ links the cluster classpath: executors are launched from it. */
  private Path sparkHome(BuildArtifacts build) throws IOException {
    Path jars = dir.resolve("spark-home").resolve("jars");
    if (Files.exists(jars)) {
      try (var old = Files.list(jars)) {
        for (Path link : old.toList()) {
          Files.delete(link);
        }
      }
    }
    Files.createDirectories(jars);
    for (String entry : build.clusterClasspath()) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return jars.getParent();
  }

  private void save(State state) throws IOException {
    Properties props = new Properties();
    props.setProperty("master.url", state.masterUrl());
    props.setProperty("webui.port", String.valueOf(state.webUiPort()));
    props.setProperty("master.pid", String.valueOf(state.masterPid()));
    props.setProperty("worker.pids", String.join(",",
        state.workerPids().stream().map(String::valueOf).toList()));
    try (var writer = Files.newBufferedWriter(dir.resolve("cluster.properties"))) {
      props.store(writer, "dugout dev cluster");
    }
  }
}
