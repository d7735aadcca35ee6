package dev.dugout.cricsheet;

/** A Cricsheet file that cannot be imported: says which file, where in it (JSON path) and why. */
public final class CricsheetFormatException extends RuntimeException {
  private final String file;
  private final String jsonPath;
  private final String problem;

  public CricsheetFormatException(String file, String jsonPath, String problem) {
    super(file + " at " + jsonPath + ": " + problem);
    this.file = file;
    this.jsonPath = jsonPath;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public String jsonPath() {
    return jsonPath;
  }

  public String problem() {
    return problem;
  }
}
