package dev.dugout.cricsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists and reads Cricsheet files through Hadoop's FileSystem, so local paths and {@code s3a://}
 * prefixes work alike. A directory contributes its {@code *.json} files (not its subdirectories).
 */
final class CricsheetFiles {
  private CricsheetFiles() {}

  record SourceFile(String path, String name) {}

  static List<SourceFile> expand(List<String> paths, Configuration conf) {
    List<SourceFile> files = new ArrayList<>();
    for (String given : paths) {
      Path path = new Path(given);
      try {
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path)) {
          throw new IllegalArgumentException("import cricsheet: no such file or directory: " + given);
        }
        if (fs.getFileStatus(path).isDirectory()) {
          Arrays.stream(fs.listStatus(path))
              .filter(FileStatus::isFile)
              .filter(s -> s.getPath().getName().endsWith(".json"))
              .sorted(Comparator.comparing(s -> s.getPath().getName()))
              .forEach(s -> files.add(new SourceFile(s.getPath().toString(), s.getPath().getName())));
        } else {
          files.add(new SourceFile(fs.makeQualified(path).toString(), path.getName()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("import cricsheet: cannot read " + given, e);
      }
    }
    return files;
  }

  static String read(SourceFile file, Configuration conf) {
    Path path = new Path(file.path());
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("import cricsheet: cannot read " + file.path(), e);
    }
  }
}
