package dev.dugout.orchestration.airflow;

/**
 * An error answer from Airflow's REST API, with the server's own message. Subclasses name the
 * cases a caller handles differently.
 */
public class AirflowException extends RuntimeException {
  private final int status;
  private final String detail;

  public AirflowException(String request, int status, String detail) {
    super(request + ": HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail));
    this.status = status;
    this.detail = detail;
  }

  public AirflowException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.detail = null;
  }

  /** The HTTP status; 0 when no answer came (connection failed). */
  public int status() {
    return status;
  }

  /** The server's message (the {@code detail} of its error body). */
  public String detail() {
    return detail;
  }

  /** 401 or 403: bad credentials, or a token Airflow no longer accepts. */
  public static final class Unauthorized extends AirflowException {
    public Unauthorized(String request, int status, String detail) {
      super(request, status, detail);
    }
  }

  /** 404: no such DAG, DAG run or task. */
  public static final class NotFound extends AirflowException {
    public NotFound(String request, int status, String detail) {
      super(request, status, detail);
    }
  }

  /** 409: e.g. a DAG run with this id already exists. */
  public static final class Conflict extends AirflowException {
    public Conflict(String request, int status, String detail) {
      super(request, status, detail);
    }
  }

  /** 400 or 422: the request broke the API's schema (a field missing, unknown or ill-typed). */
  public static final class Invalid extends AirflowException {
    public Invalid(String request, int status, String detail) {
      super(request, status, detail);
    }
  }

  /** 5xx after every retry, or no answer at all. */
  public static final class Unavailable extends AirflowException {
    public Unavailable(String request, int status, String detail) {
      super(request, status, detail);
    }

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
