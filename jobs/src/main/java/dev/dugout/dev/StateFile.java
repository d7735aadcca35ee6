package dev.dugout.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** The properties file in which a dev service records its processes and ports between commands. */
final class StateFile {
  private StateFile() {}

  /** The recorded state, or empty when none was written (or it was removed on stop). */
  static Optional<Properties> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (var reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Optional.of(props);
  }

  static void write(Path file, Properties props, String comment) {
    try {
      Files.createDirectories(file.getParent());
      try (var writer = Files.newBufferedWriter(file)) {
        props.store(writer, comment);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
