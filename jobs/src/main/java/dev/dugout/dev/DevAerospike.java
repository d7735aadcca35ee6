package dev.dugout.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The Aerospike-compatible test server (JDK only, from {@code jobs/target/test-classes}) as a
 * local development service: its own JVM on 127.0.0.1, detached from the command that started it,
 * state and log under {@code <home>/aerospike}. It speaks the client's wire protocol with the
 * namespaces live, complete and test; it is for development and demos, not a database.
 *
 * <p>The server exits when its stdin closes; started detached, its stdin is a FIFO it holds open
 * for reading and writing itself, so it runs until {@link #stop}.
 */
public final class DevAerospike {
  public static final String HOST = "127.0.0.1";
  static final String MAIN = "dev.dugout.testing.aerospike.AerospikeTestServer";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /** A running server as recorded in its state file. */
  public record State(int port, long pid) {
    public boolean alive() {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** For {@code aerospike.hosts} / {@code AEROSPIKE_HOSTS}. */
    public String hostPort() {
      return HOST + ":" + port;
    }
  }

  private final Path dir;

  public DevAerospike(Path home) {
    this.dir = home.resolve("aerospike").toAbsolutePath();
  }

  public Path directory() {
    return dir;
  }

  /** The running server, started if none runs (the demo's one call). */
  public State ensureRunning(int port) {
    return state().filter(State::alive).orElseGet(() -> start(port));
  }

  public State start(int port) {
    Optional<State> existing = state();
    if (existing.isPresent() && existing.get().alive()) {
      throw new IllegalStateException("the dev Aerospike server already runs on "
          + existing.get().hostPort() + "; `dugout dev aerospike stop` first");
    }
    Path classes = Path.of(System.getProperty("dugout.root", "."), "jobs", "target", "test-classes")
        .toAbsolutePath().normalize();
    if (!Files.exists(classes.resolve(MAIN.replace('.', '/') + ".class"))) {
      throw new IllegalStateException(MAIN + " is missing in " + classes + "; build the test"
          + " classes with `mvn -B -pl jobs -am test-compile`");
    }
    try {
      Files.createDirectories(dir);
      Path stdin = dir.resolve("stdin");
      Files.deleteIfExists(stdin);
      run("mkfifo", stdin.toString());
      // `<>` opens the FIFO for reading and writing: no EOF while the server itself holds it.
      Process server = new ProcessBuilder("sh", "-c", "exec \"$0\" \"$@\" <> '" + stdin + "'",
          BuildArtifacts.javaExecutable(), "-Xmx1536m", "-cp", classes.toString(), MAIN,
          "--port", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("server.log").toFile())
          .start();
      State state = new State(port, server.pid());
      save(state);
      awaitPort(state);
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the dev Aerospike server in " + dir, e);
    }
  }

  /** Stops the server; false when none was running. */
  public boolean stop() {
    Optional<State> state = state();
    if (state.isEmpty()) {
      return false;
    }
    boolean wasAlive = state.get().alive();
    ProcessHandle.of(state.get().pid()).ifPresent(p -> {
      p.destroy();
      try {
        p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    });
    try {
      Files.deleteIfExists(dir.resolve("server.properties"));
      Files.deleteIfExists(dir.resolve("stdin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return wasAlive;
  }

  public Optional<State> state() {
    Path file = dir.resolve("server.properties");
    Optional<Properties> state = StateFile.read(file);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Properties props = state.get();
    return Optional.of(new State(Integer.parseInt(props.getProperty("port")),
        Long.parseLong(props.getProperty("pid"))));
  }

  private void save(State state) throws IOException {
    Properties props = new Properties();
    props.setProperty("port", String.valueOf(state.port()));
    props.setProperty("pid", String.valueOf(state.pid()));
    try (var writer = Files.newBufferedWriter(dir.resolve("server.properties"))) {
      props.store(writer, "dugout dev aerospike");
    }
  }

  private void awaitPort(State state) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && state.alive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(HOST, state.port()), 500);
        return;
      } catch (IOException notYet) {
        sleep(200);
      }
    }
    stop();
    throw new IllegalStateException("the dev Aerospike server did not listen on "
        + state.hostPort() + " within " + START_TIMEOUT.toSeconds() + " s (port in use?); log in "
        + dir.resolve("server.log"));
  }

  private static void run(String... command) throws IOException {
    try {
      int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + rc);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
