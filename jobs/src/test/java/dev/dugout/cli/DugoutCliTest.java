package dev.dugout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command is listed with a description and answers --help (no Spark needed for that). */
class DugoutCliTest {
  static String run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = new DugoutCli(new PrintStream(bytes, true, StandardCharsets.UTF_8)).execute(args);
    assertThat(code).as(String.join(" ", args)).isZero();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static List<List<String>> commandPaths(CommandLine cl, List<String> prefix) {
    List<List<String>> paths = new ArrayList<>();
    for (var entry : cl.getSubcommands().entrySet()) {
      if (entry.getKey().equals("help")) {
        continue;
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(entry.getKey());
      paths.add(path);
      paths.addAll(commandPaths(entry.getValue(), path));
    }
    return paths;
  }

  @Test
  void topLevelHelpListsEveryCommandWithADescription() {
    String help = run("--help");
    for (String command : List.of("demo", "tables", "import", "score", "points", "sql", "submit", "dev")) {
      assertThat(help).containsPattern("(?m)^  " + command + "\\s+\\S+");
    }
  }

  @Test
  void everyCommandHasHelp() {
    List<List<String>> paths = commandPaths(new CommandLine(new DugoutCli()), List.of());
    assertThat(paths).extracting(p -> String.join(" ", p))
        .contains("tables create", "tables describe", "import cricsheet", "dev cluster start",
            "dev cluster stop", "dev cluster status", "dev kafka start", "dev kafka stop",
            "dev kafka status", "dev s3 start", "dev s3 stop", "dev s3 status");
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      assertThat(run(args.toArray(String[]::new))).as(String.join(" ", path))
          .contains("Usage: dugout " + String.join(" ", path));
    }
  }
}
