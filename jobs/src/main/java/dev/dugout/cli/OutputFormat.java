package dev.dugout.cli;

/** How query results are printed. */
public enum OutputFormat { table, csv, json }
