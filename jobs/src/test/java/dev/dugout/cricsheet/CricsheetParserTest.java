package dev.dugout.cricsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.testing.DemoData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CricsheetParserTest {
  static CricsheetMatch parse(Path file) {
    return CricsheetParser.parse(file.getFileName().toString(), DemoData.read(file));
  }

  @ParameterizedTest(name = "{1} as {0} equals 1.2.0")
  @CsvSource({"1.0.0,1254077", "1.1.0,1370352", "1.1.0,1370353"})
  void olderFormatsGiveTheSameMatch(String version, String matchId) {
    CricsheetMatch older = parse(DemoData.olderVersion(version, matchId));
    CricsheetMatch current = parse(DemoData.match(matchId));
    assertThat(older.dataVersion()).isEqualTo(version);
    assertThat(older.deliveries()).isEqualTo(current.deliveries());
    assertThat(older.revision()).isEqualTo(current.revision());
    assertThat(older.matchDate()).isEqualTo(current.matchDate());
  }

  @Test
  void finalOf2023HasItsFactsRight() {
    CricsheetMatch m = parse(DemoData.match("1370353"));
    assertThat(m.matchId()).isEqualTo("1370353");
    assertThat(m.revision()).isEqualTo(2);
    assertThat(m.stage()).isEqualTo("Final");
    assertThat(m.winner()).isEqualTo("Chennai Super Kings");
    assertThat(m.winByWickets()).isEqualTo(5);
    assertThat(m.resultMethod()).isEqualTo("D/L");
    assertThat(m.pool()).hasSize(24);
    // Deliveries, counted independently with: jq '[.innings[].overs[].deliveries[]] | length'
    assertThat(m.deliveries()).hasSize(216);
    assertThat(m.deliveries().get(0).seq()).isEqualTo(1);
  }

  @Test
  void superOverInningsAreFlaggedAndSubstitutesMarked() {
    CricsheetMatch tie = parse(DemoData.match("1473469"));
    assertThat(tie.deliveries()).anyMatch(d -> d.superOver() && d.innings() == 3);
    assertThat(tie.result()).isEqualTo("tie");
    assertThat(tie.winner()).isEqualTo("Delhi Capitals");

    CricsheetMatch q2 = parse(DemoData.match("1370352"));
    assertThat(q2.pool()).filteredOn(p -> p.name().equals("Vishnu Vinod")).singleElement()
        .satisfies(p -> assertThat(p.substituteReason()).isEqualTo("concussion_substitute"));
  }

  @Test
  void substituteFieldersOutsideThePoolAreKeptWithTheirRegistryId() {
    CricsheetMatch m = parse(DemoData.match("1422120"));
    assertThat(m.deliveries().stream().flatMap(d -> d.wickets().stream())
        .flatMap(w -> w.fielders().stream()))
        .anyMatch(f -> f.name().equals("Tanay Thyagarajan") && f.substitute()
            && "f1809c03".equals(f.playerId()));
  }

  @Test
  void badJsonNamesTheFileAndPosition() {
    assertThatThrownBy(() -> CricsheetParser.parse("99.json", "{\"meta\": {\"revision\": 1,}"))
        .isInstanceOf(CricsheetFormatException.class)
        .hasMessageStartingWith("99.json at $ (line 1")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void missingKeyNamesTheJsonPath() {
    String json = DemoData.read(DemoData.match("1359519")).replace("\"revision\"", "\"rev\"");
    assertThatThrownBy(() -> CricsheetParser.parse("1359519.json", json))
        .isInstanceOf(CricsheetFormatException.class)
        .hasMessage("1359519.json at $.meta.revision: missing key 'revision'");
  }

  @Test
  void aDeliveryNamingAPlayerOutsideThePoolIsRejectedWithItsPath() {
    // The first delivery of 1359519 is bowled by DL Chahar; rename that one bowler.
    String json = DemoData.read(DemoData.match("1359519"))
        .replaceFirst("\"bowler\": \"DL Chahar\"", "\"bowler\": \"Nobody Known\"");
    assertThatThrownBy(() -> CricsheetParser.parse("1359519.json", json))
        .isInstanceOf(CricsheetFormatException.class)
        .hasMessage("1359519.json at $.innings[0].overs[0].deliveries[0].bowler: 'Nobody Known'"
            + " is not in the match's player pool (info.players)");
  }

  @Test
  void runsThatDoNotAddUpAreRejected() {
    String json = DemoData.read(DemoData.match("1359519"))
        .replaceFirst("\"total\": 0", "\"total\": 3");
    assertThatThrownBy(() -> CricsheetParser.parse("1359519.json", json))
        .isInstanceOf(CricsheetFormatException.class)
        .hasMessageContaining("runs.total is 3 but runs.batter + runs.extras is 0");
  }
}
