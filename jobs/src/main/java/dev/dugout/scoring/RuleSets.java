package dev.dugout.scoring;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads rule sets: a bundled id ({@code t20-2026}, from {@code rulesets/<id>.json} on the
 * classpath) or a path to a JSON file. Another rule set or sport is a new file, not new code.
 */
public final class RuleSets {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private RuleSets() {}

  public static RuleSet load(String idOrPath) {
    Path path = Path.of(idOrPath);
    if (idOrPath.endsWith(".json") && Files.exists(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return parse(in, path.toString());
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read rule set file " + path + ": " + e.getMessage(), e);
      }
    }
    String resource = "/rulesets/" + idOrPath + ".json";
    try (InputStream in = RuleSets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("Unknown rule set '" + idOrPath
            + "': neither a bundled rule set (classpath " + resource + ") nor a .json file");
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read rule set " + resource + ": " + e.getMessage(), e);
    }
  }

  private static RuleSet parse(InputStream in, String where) throws IOException {
    try {
      return JSON.readValue(in, RuleSet.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("Rule set " + where + ": unknown key '"
          + e.getPropertyName() + "' at " + e.getPathReference(), e);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new IllegalArgumentException("Rule set " + where + ": " + e.getOriginalMessage()
          + " at " + e.getPathReference(), e);
    }
  }
}
