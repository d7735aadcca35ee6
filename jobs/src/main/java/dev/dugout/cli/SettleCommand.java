package dev.dugout.cli;

import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.settlement.SettleOptions;
import dev.dugout.settlement.SettlementLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "settle", mixinStandardHelpOptions = true,
    description = {"Settle a completed match: payouts (ties split), refunds, wallet credits.",
        "Running it again with unchanged inputs changes nothing. After a correction, --rerun",
        "recomputes on an audit branch, runs the gate and prints the diff; --publish publishes it",
        "with compensating ledger entries; --dry-run writes nothing."})
final class SettleCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", required = true, paramLabel = "ID", description = "Match id.")
  String matchId;

  @Option(names = "--rerun", description = "Recompute a settled match after a correction.")
  boolean rerun;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why the rerun (recorded).")
  String reason;

  @Option(names = "--operator", paramLabel = "NAME",
      description = "Who runs it (recorded; default: $USER).")
  String operator;

  @Option(names = "--publish", description = "Publish a rerun that passed the gate.")
  boolean publish;

  @Option(names = "--dry-run", description = "Show the rerun's diff; write nothing.")
  boolean dryRun;

  @Option(names = "--reproduce", paramLabel = "SETTLEMENT_ID",
      description = "Recompute a published settlement from the snapshots it recorded and compare.")
  String reproduce;

  @Option(names = "--release-lock", description = {"Clear the hold on the match left by a",
      "settlement that died (killed, or its machine lost); check first that it is gone."})
  boolean releaseLock;

  @Override
  public void run() {
    if (releaseLock) {
      if (rerun || publish || dryRun || reproduce != null) {
        throw new IllegalArgumentException("settle --release-lock: give only --match with it");
      }
      String held = SettlementLock.release(cli.spark(), matchId);
      cli.out.println(held == null ? "settle: match " + matchId + " was not held"
          : "settle: match " + matchId + " was held by " + held + "; released");
      return;
    }
    String who = operator != null ? operator
        : System.getenv().getOrDefault("USER", "dugout");
    cli.out.println(SettleMatchJob.run(cli.spark(), new SettleOptions(matchId, rerun, reason, who,
        publish, dryRun, reproduce), cli.out).summary());
  }
}
