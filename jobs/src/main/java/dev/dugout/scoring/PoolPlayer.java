package dev.dugout.scoring;

import dev.dugout.tables.MatchPlayersTable.Role;

/** A player in a match's pool: everybody listed for either team. */
public record PoolPlayer(String playerId, String name, String team, Role role)
    implements java.io.Serializable {}
