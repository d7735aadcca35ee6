package dev.dugout.dev;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The JVM of a local service (the Kafka broker, s3proxy): started from the service's own
 * classpath, {@code jobs/dev-services/<service>/target/classpath.txt}, never the jobs' one (their
 * Scala, Jetty and Guava clash with Spark's), with its output in a log file.
 *
 * <p>Two lifetimes. {@link Lifetime#TIED} (tests): the service exits when this JVM does, however
 * it ends, through {@link ParentWatch} on the service's standard input. {@link Lifetime#DETACHED}
 * (`dugout dev kafka|s3 start`): it outlives this JVM; its pid is kept in a state file and
 * {@link #stop} ends it.
 */
final class ServiceJvm {
  static final String HOST = "127.0.0.1";

  enum Lifetime { TIED, DETACHED }

  /**
   * The pipes to tied services. A Process that is no longer referenced would have its stdin closed
   * when collected, and the service would take that for its parent's death: keep them here.
   */
  private static final Set<Process> TIED = ConcurrentHashMap.newKeySet();

  private ServiceJvm() {}

  /** The service's classpath as its module resolved it, from the project root ({@code -Ddugout.root}). */
  static List<String> classpath(String service) {
    Path file = Path.of(System.getProperty("dugout.root", "."), "jobs", "dev-services", service,
        "target", "classpath.txt").toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new IllegalStateException("the " + service + " classpath " + file + " is missing; build"
          + " with `mvn -B -DskipTests package` at the project root (./dugout does this on first"
          + " use), or pass -Ddugout.root=<project root>");
    }
    try {
      return List.of(Files.readString(file).trim().split(File.pathSeparator));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Starts {@code mainClass} of {@code service} with its output (stdout and stderr) in {@code log};
   * {@code dir} is the service's own directory.
   */
  static Process launch(String service, Lifetime lifetime, Path dir, List<String> jvmOptions,
      String mainClass, List<String> args, Path log) {
    List<String> classpath = new ArrayList<>(classpath(service));
    List<String> command = new ArrayList<>();
    command.add(BuildArtifacts.javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    if (lifetime == Lifetime.TIED) {
      classpath.add(0, parentWatchClasses(dir).toString());
      command.add(String.join(File.pathSeparator, classpath));
      command.add(ParentWatch.class.getName());
    } else {
      command.add(String.join(File.pathSeparator, classpath));
    }
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (lifetime == Lifetime.DETACHED) {
      // Nothing of this JVM's: its end must not reach the service.
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    try {
      Process process = pb.start();
      if (lifetime == Lifetime.TIED) {
        TIED.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + service + " (" + mainClass + ")", e);
    }
  }

  /** Runs a tool of the service (e.g. Kafka's storage format) to its end; fails on a non-zero exit. */
  static void run(String service, Path dir, List<String> jvmOptions, String mainClass,
      List<String> args, Path log, Duration timeout) {
    Process process = launch(service, Lifetime.TIED, dir, jvmOptions, mainClass, args, log);
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(mainClass + " " + String.join(" ", args)
            + (finished ? " failed with exit code " + process.exitValue()
                : " did not finish within " + timeout.toSeconds() + " s")
            + "; its output, in " + log + ":\n" + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + mainClass, e);
    } finally {
      TIED.remove(process);
    }
  }

  /**
   * Polls {@code ready} until it holds; stops the process and fails with the end of its log when
   * it exits first or the timeout passes.
   */
  static void awaitReady(String what, ProcessHandle process, Path log, Duration timeout,
      BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      boolean answered;
      try {
        answered = ready.getAsBoolean();
      } catch (RuntimeException | Error e) {
        stop(process, Duration.ofSeconds(10));
        throw e;
      }
      if (answered) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    boolean exited = !process.isAlive();
    stop(process, Duration.ofSeconds(10));
    throw new IllegalStateException(what + (exited ? " exited during start-up"
        : " was not ready within " + timeout.toSeconds() + " s") + " (port in use?); its log, "
        + log + ", ends with:\n" + tail(log));
  }

  /** SIGTERM (the service's own shutdown), then SIGKILL after {@code grace}; returns once it is gone. */
  static void stop(ProcessHandle process, Duration grace) {
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      process.onExit().join();
    }
    TIED.removeIf(p -> p.pid() == process.pid());
  }

  /** A port free on 127.0.0.1 right now (another process may still take it before the service). */
  static int freePort() {
    return freePorts(1)[0];
  }

  /**
   * {@code count} distinct ports free on 127.0.0.1 right now: all held open at once while they are
   * chosen, so two calls in a row cannot hand out the same port twice.
   */
  static int[] freePorts(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find " + count + " free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a listening socket that accepted nothing; nothing to recover
        }
      }
    }
  }

  /** Records a detached service: its pid and what a client needs, in a properties file. */
  static void saveState(Path file, long pid, Map<String, String> values) {
    Properties props = new Properties();
    props.setProperty("pid", String.valueOf(pid));
    values.forEach(props::setProperty);
    try (var writer = Files.newBufferedWriter(file)) {
      props.store(writer, "dugout dev service; delete only when the process is gone");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The state of a detached service whose process still runs. A recorded pid counts only while its
   * command line still names {@code marker} (its config file): pids are reused.
   */
  static Optional<Properties> runningState(Path file, String marker) {
    Optional<Properties> state = StateFile.read(file);
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Properties props = state.get();
    boolean alive = ProcessHandle.of(Long.parseLong(props.getProperty("pid")))
        .filter(ProcessHandle::isAlive)
        .map(p -> commandLine(p).map(line -> line.contains(marker)).orElse(true))
        .orElse(false);
    return alive ? Optional.of(props) : Optional.empty();
  }

  /** From /proc where there is one: ProcessHandle.Info gives up on command lines this long. */
  private static Optional<String> commandLine(ProcessHandle process) {
    Path proc = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
    try {
      return Files.exists(proc) ? Optional.of(Files.readString(proc).replace('\0', ' '))
          : process.info().commandLine();
    } catch (IOException e) {
      return process.info().commandLine();
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** A directory holding only ParentWatch.class, for the service's classpath. */
  private static Path parentWatchClasses(Path serviceDir) {
    Path root = serviceDir.resolve("parent-watch");
    Path file = root.resolve(ParentWatch.class.getName().replace('.', '/') + ".class");
    try (InputStream in = ParentWatch.class.getResourceAsStream("ParentWatch.class")) {
      if (in == null) {
        throw new IllegalStateException("ParentWatch.class is not on the classpath");
      }
      Files.createDirectories(file.getParent());
      Files.write(file, in.readAllBytes());
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
