package dev.dugout.testing;

/** Events in the landing's envelope, written by hand for tests (not through the code under test). */
public final class TestEvents {
  private TestEvents() {}

  public static String session(String id, String at) {
    return "{\"event_id\":\"ev-" + id + "\",\"type\":\"session\",\"occurred_at\":\"" + at + "\","
        + "\"source\":\"app\",\"schema_version\":1,\"payload\":{\"session_id\":\"" + id + "\","
        + "\"user_id\":\"u1\",\"device_id\":\"d1\",\"ip\":\"10.0.0.1\",\"app_version\":\"9.1\","
        + "\"started_at\":\"" + at + "\"}}";
  }

  public static String wallet(String id, String at, String amount) {
    return "{\"event_id\":\"ev-" + id + "\",\"type\":\"wallet_txn\",\"occurred_at\":\"" + at
        + "\",\"source\":\"wallet\",\"schema_version\":1,\"payload\":{\"txn_id\":\"" + id + "\","
        + "\"user_id\":\"u1\",\"kind\":\"DEPOSIT\",\"amount_minor\":" + amount
        + ",\"currency\":\"INR\"}}";
  }
}
