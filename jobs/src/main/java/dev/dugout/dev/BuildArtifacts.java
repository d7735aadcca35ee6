package dev.dugout.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the build leaves in {@code jobs/target} for running on a cluster: the application jar
 * (the one EMR runs), the classpath a cluster provides (Spark, Hadoop, Scala) and the JVM flags
 * Spark needs on Java 17.
 */
public record BuildArtifacts(Path applicationJar, List<String> clusterClasspath,
    List<String> jvmFlags, Path logConfig) {

  /** From the project root ({@code -Ddugout.root}, set by the launcher and the tests). */
  public static BuildArtifacts locate() {
    Path target = Path.of(System.getProperty("dugout.root", "."), "jobs", "target")
        .toAbsolutePath().normalize();
    String hint = " is missing in " + target + "; build with `mvn -B -DskipTests package`"
        + " (./dugout does this on first use)";
    Path classpath = target.resolve("spark-classpath.txt");
    Path flags = target.resolve("jvm.options");
    if (!Files.exists(classpath) || !Files.exists(flags)) {
      throw new IllegalStateException("spark-classpath.txt or jvm.options" + hint);
    }
    try (Stream<Path> files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString().endsWith("-emr.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("the application jar (*-emr.jar)" + hint));
      return new BuildArtifacts(jar,
          List.of(Files.readString(classpath).trim().split(java.io.File.pathSeparator)),
          Arrays.stream(Files.readString(flags).trim().split("\\s+")).toList(),
          target.resolve("classes").resolve("log4j2.properties"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build artifacts in " + target, e);
    }
  }

  public String classpath() {
    return String.join(java.io.File.pathSeparator, clusterClasspath);
  }

  /** The {@code java} of the running JVM, so every process of the cluster uses the same JDK. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
