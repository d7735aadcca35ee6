package dev.dugout.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real Cricsheet matches bundled with the repo (jobs/demo-data/cricsheet). */
public final class DemoData {
  /** The IPL 2023 final, the match the demo plays its generated contests on. */
  public static final String FINAL = "1370353";

  private DemoData() {}

  public static Path directory() {
    String configured = System.getProperty("dugout.demo.data");
    Path dir = configured != null ? Path.of(configured) : Path.of("demo-data", "cricsheet");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("demo data not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  public static Path match(String matchId) {
    return directory().resolve(matchId + ".json");
  }

  public static List<Path> matches() {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path olderVersion(String version, String matchId) {
    return Path.of("src", "test", "resources", "cricsheet", "older_versions", "v" + version,
        matchId + ".json");
  }
}
