package dev.dugout.cli;

import dev.dugout.dev.BuildArtifacts;
import dev.dugout.dev.LocalCluster;
import dev.dugout.dev.SparkSubmit;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = {"Run a dugout command on a Spark cluster through spark-submit, as on EMR.",
        "The application jar is the emr jar (Spark provided). Example:",
        "  dugout submit --master spark://127.0.0.1:7077 demo"})
final class SubmitCommand implements Callable<Integer> {
  @ParentCommand DugoutCli cli;

  @Option(names = "--master", paramLabel = "URL",
      description = "Default: spark.master when it is a cluster URL, else the local dev cluster.")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark settings.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The dugout command and its arguments.")
  List<String> command;

  @Override
  public Integer call() {
    String url = master != null ? master : defaultMaster();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.executor.memory", "1g");
    // Dugout's batches are small next to a cluster: AQE coalesces, but 200 tasks a stage is waste.
    settings.put("spark.sql.shuffle.partitions", "8");
    settings.putAll(conf);
    return SparkSubmit.run(SparkSubmit.command(BuildArtifacts.locate(), url, settings, List.of(), command),
        new File(System.getProperty("user.dir")));
  }

  private String defaultMaster() {
    String configured = cli.config().sparkMaster();
    if (!configured.startsWith("local")) {
      return configured;
    }
    return new LocalCluster(cli.config().home()).state().filter(LocalCluster.State::alive)
        .map(LocalCluster.State::masterUrl)
        .orElseThrow(() -> new IllegalStateException("no cluster: give --master URL, set"
            + " spark.master, or start one with `dugout dev cluster start`"));
  }
}
