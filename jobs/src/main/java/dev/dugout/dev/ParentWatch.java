package dev.dugout.dev;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of a service JVM that must not outlive the JVM that started it (the Kafka broker or
 * s3proxy of a test): it runs the service's real main class, and exits when its standard input
 * reaches end of file. The parent holds the other end of that pipe; the kernel closes it however
 * the parent ends, SIGKILL included, so neither side polls pids or relies on shutdown hooks.
 *
 * <p>It runs on the service's classpath, not the jobs': {@link ServiceJvm} copies this one class
 * file next to the service's files. So it may use {@code java.base} only, and no nested or
 * anonymous classes (lambdas are fine: they compile into this class file).
 */
public final class ParentWatch {
  /** How long the service's shutdown hooks may take once the parent is gone. */
  private static final long EXIT_GRACE_MILLIS = 15_000;

  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatch MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    Thread watch = new Thread(ParentWatch::exitAtEndOfInput, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void exitAtEndOfInput() {
    try {
      while (System.in.read() != -1) {
        // The parent never writes; a byte, if any, means nothing.
      }
    } catch (IOException e) {
      // A broken pipe says the same as end of file: the parent is gone.
    }
    System.err.println("[parent-watch] the parent process is gone: exiting");
    Thread halt = new Thread(() -> {
      try {
        Thread.sleep(EXIT_GRACE_MILLIS);
      } catch (InterruptedException e) {
        // exiting anyway
      }
      Runtime.getRuntime().halt(1);
    }, "parent-watch-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(0);
  }
}
