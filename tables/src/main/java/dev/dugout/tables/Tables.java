package dev.dugout.tables;

import java.util.List;
import java.util.Optional;

/** The catalogue of every table Dugout declares, in creation order. */
public final class Tables {
  private Tables() {}

  public static final List<TableDefinition> ALL =
      List.of(
          MatchesTable.DEFINITION,
          MatchPlayersTable.DEFINITION,
          DeliveriesTable.DEFINITION,
          PlayerPointsTable.DEFINITION,
          ContestsTable.DEFINITION,
          PrizeTablesTable.DEFINITION,
          UserTeamsTable.DEFINITION,
          ContestEntriesTable.DEFINITION,
          LeaderboardTable.DEFINITION,
          PayoutsTable.DEFINITION,
          ContestSettlementsTable.DEFINITION,
          WalletLedgerTable.DEFINITION,
          SettlementsTable.DEFINITION,
          MatchStatusTable.DEFINITION,
          WalletTxnsTable.DEFINITION,
          SessionsTable.DEFINITION,
          EventsTable.DEFINITION,
          QuarantineTable.DEFINITION,
          JobRunsTable.DEFINITION,
          CheckResultsTable.DEFINITION);

  /** Finds a table by {@code namespace.name}, or by its bare name when that is unambiguous. */
  public static Optional<TableDefinition> byName(String name) {
    for (TableDefinition def : ALL) {
      if (def.name().equalsIgnoreCase(name) || def.identifier().name().equalsIgnoreCase(name)) {
        return Optional.of(def);
      }
    }
    return Optional.empty();
  }

  public static List<String> namespaces() {
    return ALL.stream().map(TableDefinition::namespace).distinct().toList();
  }
}
