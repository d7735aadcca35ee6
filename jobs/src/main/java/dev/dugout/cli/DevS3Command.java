package dev.dugout.cli;

import dev.dugout.dev.S3Endpoint;
import dev.dugout.lakehouse.ConfigKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "s3", mixinStandardHelpOptions = true,
    description = {"A local S3 endpoint on 127.0.0.1 (s3proxy, its own JVM, objects stored as files),"
        + " to run the lakehouse on s3:// as in production.",
        "Objects, config, state and logs under <home>/s3."},
    subcommands = {DevS3Command.Start.class, DevS3Command.Stop.class, DevS3Command.Status.class})
final class DevS3Command implements Runnable {
  @ParentCommand DevCommand dev;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(dev.cli.out);
  }

  Path directory() {
    return dev.cli.config().home().resolve("s3");
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = {"Start the endpoint and create the bucket; prints the variables that point"
          + " Dugout's warehouse at it."})
  static final class Start implements Runnable {
    @ParentCommand DevS3Command parent;

    @Option(names = "--port", defaultValue = "9000", description = "(default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bucket", defaultValue = "dugout",
        description = "Bucket to create if absent (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Override
    public void run() {
      long start = System.nanoTime();
      S3Endpoint s3 = S3Endpoint.startDetached(parent.directory(), port);
      s3.createBucket(bucket);
      var out = parent.dev.cli.out;
      out.printf("s3 up in %.1f s: %s (pid %d), bucket %s, objects in %s, log %s%n",
          (System.nanoTime() - start) / 1e9, s3.endpoint(), s3.pid(), bucket, s3.dataDirectory(),
          s3.logFile());
      out.println("use it for the lakehouse (a fresh DUGOUT_HOME keeps local and s3 tables apart):");
      out.println("export " + ConfigKey.WAREHOUSE.envVar() + "=s3://" + bucket + "/warehouse");
      s3.clientEnvironment().forEach((name, value) -> out.println("export " + name + "=" + value));
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the endpoint; the objects stay on disk for the next start.")
  static final class Stop implements Runnable {
    @ParentCommand DevS3Command parent;

    @Override
    public void run() {
      var s3 = S3Endpoint.running(parent.directory());
      s3.ifPresent(S3Endpoint::close);
      parent.dev.cli.out.println(s3.isEmpty() ? "no s3 endpoint was running"
          : "s3 stopped (pid " + s3.get().pid() + ")");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Say whether the endpoint runs, and where.")
  static final class Status implements Runnable {
    @ParentCommand DevS3Command parent;

    @Override
    public void run() {
      parent.dev.cli.out.println(S3Endpoint.running(parent.directory())
          .map(s -> "running: " + s.endpoint() + " (pid " + s.pid() + ")")
          .orElse("no s3 endpoint running"));
    }
  }
}
