package dev.dugout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Airflow DAGs' contract with the CLI: writes every command of the CLI with its options (and
 * every declared table) to a file, then runs the DAG tests (python3, orchestration/dags/tests)
 * against it, so a step that runs a command or option the CLI no longer has fails the build.
 */
class DagContractsTest {
  static final Path DAGS = Path.of("..", "orchestration", "dags").toAbsolutePath().normalize();

  static void collect(CommandLine cl, String prefix, List<String> lines) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      String path = (prefix + " " + e.getKey()).trim();
      List<String> options = new ArrayList<>();
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        options.addAll(List.of(o.names()));
      }
      lines.add("command\t" + path + "\t" + String.join(" ", options));
      collect(e.getValue(), path, lines);
    }
  }

  @Test
  void theDagsRunOnlyCommandsAndOptionsTheCliHas() throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    collect(new CommandLine(new DugoutCli()), "", lines);
    for (TableDefinition t : Tables.ALL) {
      lines.add("table\t" + t.name());
    }
    Path contract = Files.createDirectories(Path.of("target")).resolve("cli-commands.txt");
    Files.write(contract, lines, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "tests",
        "-t", ".").directory(DAGS.toFile()).redirectErrorStream(true);
    pb.environment().put("DUGOUT_CLI_COMMANDS", contract.toAbsolutePath().toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("OK").containsPattern("Ran \\d+ tests");
  }
}
