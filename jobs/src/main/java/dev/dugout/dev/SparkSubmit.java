package dev.dugout.dev;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code dugout} command the way EMR does: {@code spark-submit} (client mode) of the
 * application jar, with Spark on the classpath as the cluster provides it. The driver is a JVM of
 * its own; executors receive the application jar from the driver.
 */
public final class SparkSubmit {
  private SparkSubmit() {}

  public static List<String> command(BuildArtifacts build, String master, Map<String, String> conf,
      List<String> jvmOptions, List<String> dugoutArgs) {
    List<String> command = new ArrayList<>();
    command.add(BuildArtifacts.javaExecutable());
    command.add("-Xmx2g");
    command.addAll(build.jvmFlags());
    // The application jar is not on the system classpath, so log4j would not find its config.
    command.add("-Dlog4j2.configurationFile=" + build.logConfig());
    // The project root (<root>/jobs/target/<jar>), where the driver finds the local dev services.
    command.add("-Ddugout.root=" + build.applicationJar().toAbsolutePath().getParent().getParent()
        .getParent());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(build.classpath());
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.add("--master");
    command.add(master);
    command.add("--deploy-mode");
    command.add("client");
    command.add("--class");
    command.add("dev.dugout.cli.DugoutCli");
    conf.forEach((key, value) -> {
      command.add("--conf");
      command.add(key + "=" + value);
    });
    command.add(build.applicationJar().toString());
    command.addAll(dugoutArgs);
    return command;
  }

  /** Runs it with this process's standard streams; returns the exit code. */
  public static int run(List<String> command, File workingDirectory) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDirectory).inheritIO();
    pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    try {
      return pb.start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start spark-submit", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }
}
