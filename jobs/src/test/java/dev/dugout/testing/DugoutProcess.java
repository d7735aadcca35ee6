package dev.dugout.testing;

import dev.dugout.dev.BuildArtifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code dugout} command in a JVM of its own, with this test JVM's classpath and Spark flags:
 * for what one process cannot show (a SIGKILL, a second lakehouse configured from the
 * environment).
 */
public final class DugoutProcess {
  private DugoutProcess() {}

  /** Starts {@code dugout ARGS...}; its output (both streams) is appended to {@code log}. */
  public static Process start(Map<String, String> env, Path log, String... args) {
    List<String> command = new ArrayList<>(List.of(BuildArtifacts.javaExecutable(), "-Xmx1g"));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
          || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.dugout.cli.DugoutCli"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("DUGOUT_SPARK_MASTER", "local[2]");
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dugout " + String.join(" ", args), e);
    }
  }
}
