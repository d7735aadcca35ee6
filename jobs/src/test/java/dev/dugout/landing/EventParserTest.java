package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.tables.EventPayloads.Type;
import dev.dugout.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The parse of one record, on events written by hand; no Spark session needed. */
class EventParserTest {
  private final EventParser parser = new EventParser();

  @Test
  void keepsThePayloadsTextExactlyAsItArrived() {
    String payload = "{ \"txn_id\" : \"t1\",\n  \"user_id\":\"u1\", \"kind\":\"DEPOSIT\","
        + " \"amount_minor\": 500 ,\"currency\":\"INR\" }";
    String text = "{\"event_id\":\"ev-t1\", \"type\":\"wallet_txn\","
        + "\"occurred_at\":\"2026-05-01T14:03:11.200Z\", \"payload\" : " + payload
        + " , \"source\":\"wallet\",\"schema_version\":1}";

    EventParser.Parsed parsed = parser.parse(text);

    assertThat(parsed.reason()).isNull();
    EventParser.Event e = parsed.event();
    assertThat(e.payloadJson()).isEqualTo(payload);
    assertThat(e.eventId()).isEqualTo("ev-t1");
    assertThat(e.type()).isEqualTo(Type.WALLET_TXN);
    assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-05-01T14:03:11.200Z"));
    assertThat(e.source()).isEqualTo("wallet");
    // txn_id, user_id, kind, amount_minor, currency as typed fields of the payload's row
    assertThat(List.of(e.payload().get(0), e.payload().get(1), e.payload().get(2),
        e.payload().get(3), e.payload().get(4))).containsExactly("t1", "u1", "DEPOSIT", 500L, "INR");
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertThat(parser.parse(TestEvents.wallet("t2", "2026-05-01T14:03:11Z", "\"500\"")).reason())
        .isEqualTo("$.payload.amount_minor: expected a 64-bit integer, got \"500\"");
    assertThat(parser.parse(TestEvents.wallet("t3", "2026-05-01T14:03:11Z", "-5")).reason())
        .startsWith("$.payload.amount_minor: must be positive");
    assertThat(parser.parse(TestEvents.wallet("t4", "2026-05-01T14:03:11Z", "5")
        .replace("\"payload\":{", "\"payload\":{\"tip\":1,")).reason())
        .isEqualTo("$.payload.tip: unknown field");
    EventParser.Parsed noPayload = parser.parse("{\"event_id\":\"ev-9\",\"type\":\"session\","
        + "\"occurred_at\":\"2026-05-01T14:03:11Z\",\"source\":\"app\",\"schema_version\":1,"
        + "\"payload\":\"x\"}");
    assertThat(noPayload.reason()).isEqualTo("$.payload: missing or not an object");
    assertThat(noPayload.key()).isEqualTo("ev-9");
  }

  @Test
  void refusesWhatIsNotAJsonObject() {
    assertThat(parser.parse("[1, 2]").reason()).isEqualTo("not a JSON object");
    assertThat(parser.parse("42").reason()).isEqualTo("not a JSON object");
    assertThat(parser.parse("").reason()).isEqualTo("not a JSON object");
    assertThat(parser.parse("{\"event_id\":\"ev-1\",").reason()).startsWith("not JSON: ");
    assertThat(parser.parse("{\"event_id\" \"ev-1\"}").reason())
        .startsWith("not JSON: ").contains("was expecting a colon");
    assertThat(parser.parse("nonsense").reason()).startsWith("not JSON: ");
  }

  @Test
  void decodesUtf8AndRefusesBytesThatAreNotUtf8() {
    String ascii = TestEvents.session("s1", "2026-05-01T14:03:11Z");
    String accented = ascii.replace("\"d1\"", "\"Zoë's phone ✓\"");
    byte[] latin1 = accented.getBytes(StandardCharsets.ISO_8859_1);
    List<Row> out = new ArrayList<>();
    LandedRecords.parse(List.of(
        RowFactory.create("f:1", ascii.getBytes(StandardCharsets.UTF_8), null),
        RowFactory.create("f:2", accented.getBytes(StandardCharsets.UTF_8), null),
        RowFactory.create("f:3", latin1, null)).iterator()).forEachRemaining(out::add);

    int ok = LandedRecords.SCHEMA.fieldIndex(LandedRecords.OK);
    int payload = LandedRecords.SCHEMA.fieldIndex(LandedRecords.PAYLOAD);
    int reason = LandedRecords.SCHEMA.fieldIndex(LandedRecords.REASON);
    assertThat(out.get(0).getBoolean(ok)).isTrue();
    assertThat(out.get(0).getString(payload)).contains("\"device_id\":\"d1\"");
    assertThat(out.get(1).getBoolean(ok)).isTrue();
    assertThat(out.get(1).getString(payload)).contains("\"device_id\":\"Zoë's phone ✓\"");
    assertThat(out.get(2).getBoolean(ok)).isFalse();
    assertThat(out.get(2).getString(reason)).isEqualTo("not UTF-8 text");
  }
}
