package dev.dugout.dev;

import dev.dugout.lakehouse.ConfigKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * A local S3 endpoint on 127.0.0.1 for runs and tests: s3proxy in a JVM of its own (its Jetty and
 * Guava clash with Spark's), objects stored as files under {@code <dir>/data}, one fixed local
 * access key, path-style addressing.
 *
 * <p>Dugout reaches it by configuration alone, as it reaches AWS: {@code s3.endpoint} and
 * {@code s3.path-style} for the catalog, credentials and region from the AWS default provider
 * chain ({@link #clientEnvironment} lists the variables). {@link #start} (tests) ties it to this
 * JVM; {@link #startDetached} (`dugout dev s3 start`) outlives it.
 */
public final class S3Endpoint implements AutoCloseable {
  static final String SERVICE = "s3proxy";
  /** Local-only credentials: s3proxy accepts them and nothing else does. */
  public static final String ACCESS_KEY = "dugout-local";
  public static final String SECRET_KEY = "dugout-local-secret";
  /** s3proxy ignores the region, but the AWS SDK needs one to sign requests. */
  public static final String REGION = "us-east-1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");

  private final Path dir;
  private final int port;
  private final ProcessHandle process;
  private final boolean detached;

  private S3Endpoint(Path dir, int port, ProcessHandle process, boolean detached) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.detached = detached;
  }

  /** An endpoint on a free port, tied to this JVM's life; returns once it answers HTTP. */
  public static S3Endpoint start(Path dir) {
    return launch(dir, ServiceJvm.freePort(), ServiceJvm.Lifetime.TIED);
  }

  /** An endpoint that outlives this JVM, recorded in {@code <dir>/state.properties}. */
  public static S3Endpoint startDetached(Path dir, int port) {
    Optional<S3Endpoint> existing = running(dir);
    if (existing.isPresent()) {
      throw new IllegalStateException("s3proxy already runs at " + existing.get().endpoint()
          + " (pid " + existing.get().pid() + "); `dugout dev s3 stop` first");
    }
    return launch(dir, port, ServiceJvm.Lifetime.DETACHED);
  }

  /** The detached endpoint of {@code dir}, if its process still runs. */
  public static Optional<S3Endpoint> running(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return ServiceJvm.runningState(absolute.resolve("state.properties"),
            absolute.resolve("s3proxy.conf").toString())
        .map(state -> new S3Endpoint(absolute, Integer.parseInt(state.getProperty("port")),
            ProcessHandle.of(Long.parseLong(state.getProperty("pid"))).orElseThrow(), true));
  }

  public String endpoint() {
    return "http://" + ServiceJvm.HOST + ":" + port;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public String region() {
    return REGION;
  }

  public long pid() {
    return process.pid();
  }

  /** Where the objects are: {@code <dir>/data/<bucket>/<key>}. */
  public Path dataDirectory() {
    return dir.resolve("data");
  }

  public Path logFile() {
    return dir.resolve("logs").resolve("s3proxy.log");
  }

  /**
   * What a Dugout process needs to use this endpoint, as environment variables: the catalog's
   * endpoint and path-style keys, and the AWS default chain's credentials and region.
   */
  public Map<String, String> clientEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ConfigKey.S3_ENDPOINT.envVar(), endpoint());
    env.put(ConfigKey.S3_PATH_STYLE.envVar(), "true");
    env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("AWS_REGION", REGION);
    return env;
  }

  /** An S3 client for this endpoint, with its credentials; the caller closes it. */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .forcePathStyle(true)
        .build();
  }

  /** Creates the bucket; one that exists already (from an earlier start) is fine. */
  public void createBucket(String name) {
    try (S3Client s3 = newClient()) {
      s3.createBucket(b -> b.bucket(name));
    } catch (BucketAlreadyOwnedByYouException e) {
      // kept from an earlier start: the data directory outlives the process
    }
  }

  /** Stops s3proxy and waits until it is gone; the stored objects stay. */
  @Override
  public void close() {
    ServiceJvm.stop(process, Duration.ofSeconds(15));
    if (detached) {
      try {
        Files.deleteIfExists(stateFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + stateFile(), e);
      }
    }
  }

  private static S3Endpoint launch(Path dir, int port, ServiceJvm.Lifetime lifetime) {
    Path home = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(home.resolve("logs"));
      Files.createDirectories(home.resolve("data"));
      Path config = home.resolve("s3proxy.conf");
      writeConfig(config, home.resolve("data"), port);
      Path logConfig = home.resolve("logback.xml");
      Files.writeString(logConfig, LOG_CONFIG);
      List<String> jvm = new java.util.ArrayList<>(JVM_OPTIONS);
      jvm.add("-Dlogback.configurationFile=" + logConfig);
      Process process = ServiceJvm.launch(SERVICE, lifetime, home, jvm, "org.gaul.s3proxy.Main",
          List.of("--properties", config.toString()), home.resolve("logs").resolve("s3proxy.log"));
      S3Endpoint endpoint = new S3Endpoint(home, port, process.toHandle(),
          lifetime == ServiceJvm.Lifetime.DETACHED);
      if (endpoint.detached) {
        // Recorded before it is ready, so `stop` finds it whatever happens next.
        ServiceJvm.saveState(endpoint.stateFile(), endpoint.pid(),
            Map.of("port", String.valueOf(port), "endpoint", endpoint.endpoint()));
      }
      ServiceJvm.awaitReady("s3proxy on " + endpoint.endpoint(), process.toHandle(),
          endpoint.logFile(), START_TIMEOUT, endpoint::answers);
      return endpoint;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy in " + home, e);
    }
  }

  private static void writeConfig(Path file, Path data, int port) throws IOException {
    Properties props = new Properties();
    props.setProperty("s3proxy.endpoint", "http://" + ServiceJvm.HOST + ":" + port);
    props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    props.setProperty("s3proxy.identity", ACCESS_KEY);
    props.setProperty("s3proxy.credential", SECRET_KEY);
    props.setProperty("jclouds.provider", "filesystem");
    props.setProperty("jclouds.filesystem.basedir", data.toString());
    try (var writer = Files.newBufferedWriter(file)) {
      props.store(writer, "written by dev.dugout.dev.S3Endpoint on every start");
    }
  }

  /** Ready: any HTTP answer (an anonymous request gets 403). */
  private boolean answers() {
    try {
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build().send(
          HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path stateFile() {
    return dir.resolve("state.properties");
  }

  /** Without a config, s3proxy's Logback logs at DEBUG: megabytes per test. */
  private static final String LOG_CONFIG = String.join("\n",
      "<configuration>",
      "  <appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">",
      "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>",
      "  </appender>",
      "  <root level=\"INFO\"><appender-ref ref=\"out\"/></root>",
      "</configuration>",
      "");
}
