package dev.dugout.quality;

/** Error-level failures block publishing; warnings are stored and shown. */
public enum Severity { ERROR, WARNING }
