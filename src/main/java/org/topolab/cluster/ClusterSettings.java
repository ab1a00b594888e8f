package org.topolab.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where a member of a topolab cluster listens and whom it joins: its host and port, and the
 * seed nodes ({@code host:port}) through which members find each other, and whether members talk
 * over mutual TLS. Read from {@code topolab.cluster} in the configuration; the command line
 * overrides each value.
 *
 * @param host the address other members reach this one at
 * @param port the port it listens on (0: any free port)
 * @param seedNodes members to join through, as {@code host:port}; empty for the first member
 * @param tls whether and with which keys members authenticate each other and encrypt traffic
 */
public record ClusterSettings(String host, int port, List<String> seedNodes, Tls tls) {

  /** Every member's actor system has this name: a cluster is made of systems of one name. */
  public static final String SYSTEM = "topolab";

  /** The setting that must stay off: Java serialisation lets any peer run code by sending crafted bytes. */
  static final String JAVA_SERIALIZATION = "pekko.actor.allow-java-serialization";

  /** Settings with the seed nodes checked. */
  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
    for (String seed : seedNodes) {
      address(seed);
    }
    Objects.requireNonNull(tls, "tls");
  }

  /** Settings without TLS. */
  public ClusterSettings(String host, int port, List<String> seedNodes) {
    this(host, port, seedNodes, Tls.OFF);
  }

  /** The settings under {@code topolab.cluster} in {@code config}. */
  public static ClusterSettings from(Config config) {
    Config cluster = config.getConfig("topolab.cluster");
    return new ClusterSettings(
        cluster.getString("host"), cluster.getInt("port"), cluster.getStringList("seed-nodes"), Tls.from(cluster.getConfig("tls")));
  }

  /** These settings with the host, port and seed nodes that are not null replaced. */
  public ClusterSettings with(String host, Integer port, List<String> seedNodes) {
    return new ClusterSettings(
        host == null ? this.host : host, port == null ? this.port : port, seedNodes == null ? this.seedNodes : seedNodes, tls);
  }

  /** These settings with {@code tls} instead of their own. */
  public ClusterSettings withTls(Tls tls) {
    return new ClusterSettings(host, port, seedNodes, tls);
  }

  /**
   * The actor-system configuration of a member with these settings, on top of {@code base}
   * (usually {@link org.topolab.engine.PekkoConfig#load()}): the cluster provider, Artery on the
   * host and port, the seed nodes, the roles given and, if enabled, mutual TLS.
   *
   * @throws IllegalArgumentException if a TLS key or trust store cannot be used, or if {@code
   *     base} allows Java serialisation; the message names the setting and the file
   */
  public Config pekkoConfig(Config base, List<String> roles) {
    List<String> seeds = new ArrayList<>();
    for (String seed : seedNodes) {
      seeds.add("pekko://" + SYSTEM + "@" + seed);
    }
    Config member =
        ConfigFactory.empty()
            .withValue("pekko.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
            .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
            .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
            .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
            .withValue("pekko.cluster.roles", ConfigValueFactory.fromIterable(roles))
            .withFallback(tls.pekkoConfig())
            .withFallback(base)
            .resolve();
    // Checked, not forced: a configuration that switched it on was written by someone who should learn why it is refused.
    if (member.getBoolean(JAVA_SERIALIZATION)) {
      throw new IllegalArgumentException(
          JAVA_SERIALIZATION + " is on: a cluster member refuses to start with Java serialisation, which lets any peer run"
              + " code on this machine by sending crafted bytes. Remove the setting; topolab's messages use Jackson CBOR.");
    }
    return member;
  }

  /** Checks a {@code host:port} address; returns its port. */
  static int address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostAndPort + "' is not a member's address; expected HOST:PORT, such as 10.0.0.5:25520");
    }
    try {
      int port = Integer.parseInt(hostAndPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostAndPort + "' has no valid port; expected HOST:PORT with a port from 1 to 65535");
    }
  }

  /**
   * Mutual TLS between members, from {@code topolab.cluster.tls}: each member proves itself with
   * the key in its key store and accepts only peers whose certificate is in its trust store.
   * Paths are files (PKCS12 or JKS), relative to the working directory or absolute.
   *
   * @param enabled whether members talk over TLS at all
   * @param keyStore this member's private key and certificate
   * @param keyStorePassword opens the key store
   * @param keyPassword unlocks the key; empty means the key store's password, as keytool makes PKCS12 stores
   * @param trustStore the certificates (or their CA) of the members this one accepts
   * @param trustStorePassword opens the trust store
   */
  public record Tls(
      boolean enabled, String keyStore, String keyStorePassword, String keyPassword, String trustStore, String trustStorePassword) {

    /** No TLS: members talk plain TCP. */
    public static final Tls OFF = new Tls(false, "", "", "", "", "");

    private static final String SETTING = "topolab.cluster.tls.";

    /** Settings with nothing null. */
    public Tls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(keyStorePassword, "keyStorePassword");
      Objects.requireNonNull(keyPassword, "keyPassword");
      Objects.requireNonNull(trustStore, "trustStore");
      Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    }

    /** The settings in {@code tls}, the {@code topolab.cluster.tls} section. */
    public static Tls from(Config tls) {
      return new Tls(
          tls.getBoolean("enabled"),
          tls.getString("key-store"),
          tls.getString("key-store-password"),
          tls.getString("key-password"),
          tls.getString("trust-store"),
          tls.getString("trust-store-password"));
    }

    /**
     * These settings with whichever of {@code enabled}, {@code keyStore} and {@code trustStore} is
     * not null replaced, for the command line; passwords come from the configuration or the
     * environment, never from arguments that every user of the machine can list.
     */
    public Tls with(Boolean enabled, String keyStore, String trustStore) {
      return new Tls(
          enabled == null ? this.enabled : enabled,
          keyStore == null ? this.keyStore : keyStore,
          keyStorePassword,
          keyPassword,
          trustStore == null ? this.trustStore : trustStore,
          trustStorePassword);
    }

    /** The passwords left out, so that settings can be logged. */
    @Override
    public String toString() {
      return enabled ? "Tls[key-store=" + keyStore + ", trust-store=" + trustStore + "]" : "Tls[off]";
    }

    /**
     * Artery's TLS transport with Pekko's ConfigSSLEngineProvider on the checked stores, or
     * nothing when TLS is off.
     */
    Config pekkoConfig() {
      if (!enabled) {
        return ConfigFactory.empty();
      }
      String keyPass = keyPassword.isEmpty() ? keyStorePassword : keyPassword;
      Path keys = checkKeyStore(keyPass);
      Path trusted = checkTrustStore();
      String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
      return ConfigFactory.empty()
          .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
          .withValue(
              "pekko.remote.artery.ssl.ssl-engine-provider",
              ConfigValueFactory.fromAnyRef("org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider"))
          .withValue(engine + "key-store", ConfigValueFactory.fromAnyRef(keys.toString()))
          .withValue(engine + "key-store-password", ConfigValueFactory.fromAnyRef(keyStorePassword))
          .withValue(engine + "key-password", ConfigValueFactory.fromAnyRef(keyPass))
          .withValue(engine + "trust-store", ConfigValueFactory.fromAnyRef(trusted.toString()))
          .withValue(engine + "trust-store-password", ConfigValueFactory.fromAnyRef(trustStorePassword))
          // Stated here rather than inherited, so that no other configuration layer can weaken them.
          .withValue(engine + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true))
          .withValue(engine + "protocol", ConfigValueFactory.fromAnyRef("TLSv1.3"))
          .withValue(engine + "enabled-algorithms", ConfigValueFactory.fromIterable(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")));
    }

    /** The key store's absolute path, once it opens and holds a current key that {@code keyPass} unlocks. */
    private Path checkKeyStore(String keyPass) {
      Path file = file("key-store", keyStore);
      KeyStore store = open("key-store", file, keyStorePassword);
      try {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
          if (store.isKeyEntry(alias)) {
            keys.add(alias);
          }
        }
        if (keys.isEmpty()) {
          throw new IllegalArgumentException(
              SETTING + "key-store: " + file + " holds no private key, only certificates; a member needs its own key pair (keytool -genkeypair)");
        }
        for (String alias : keys) {
          try {
            store.getKey(alias, keyPass.toCharArray());
          } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(
                SETTING + "key-password does not unlock key '" + alias + "' in " + file + " (empty key-password means key-store-password)");
          }
          if (store.getCertificate(alias) instanceof X509Certificate certificate) {
            current(certificate, "key '" + alias + "' in " + file + " (" + SETTING + "key-store)");
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(SETTING + "key-store: cannot read " + file + ": " + e.getMessage());
      }
      return file;
    }

    /** The trust store's absolute path, once it opens and holds a certificate. */
    private Path checkTrustStore() {
      Path file = file("trust-store", trustStore);
      KeyStore store = open("trust-store", file, trustStorePassword);
      try {
        // Expired entries are left to the handshake: a trust store may keep old certificates beside current ones.
        for (String alias : Collections.list(store.aliases())) {
          if (store.getCertificate(alias) != null) {
            return file;
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(SETTING + "trust-store: cannot read " + file + ": " + e.getMessage());
      }
      throw new IllegalArgumentException(SETTING + "trust-store: " + file + " holds no certificate, so this member would accept no one");
    }

    /** The absolute path of a store setting, once it names a readable file. */
    private static Path file(String key, String value) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(SETTING + key + " is empty: with " + SETTING + "enabled = on, name a PKCS12 file (see docs/cluster.md)");
      }
      // Absolute from here on, so that the message and Pekko see the same file whatever directory Pekko resolves against.
      Path file = Path.of(value).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(SETTING + key + ": no such file " + file);
      }
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException(SETTING + key + ": cannot read " + file + " (check its permissions)");
      }
      return file;
    }

    /** The store in {@code file}, opened with {@code password} as Pekko opens it: PKCS12, or JKS read by the same type. */
    private static KeyStore open(String key, Path file, String password) {
      try (InputStream in = Files.newInputStream(file)) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(in, password.toCharArray());
        return store;
      } catch (IOException e) {
        if (e.getCause() instanceof UnrecoverableKeyException) {
          throw new IllegalArgumentException(SETTING + key + "-password does not open " + file + " (" + SETTING + key + ")");
        }
        // Reading garbage often ends in an EOFException without a message: its name says more than "null".
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new IllegalArgumentException(SETTING + key + ": " + file + " is not a PKCS12 or JKS key store (" + detail + ")");
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(SETTING + key + ": cannot read " + file + ": " + e.getMessage());
      }
    }

    /** Checks that {@code certificate} is valid now: an expired one fails every handshake with a less clear message. */
    private static void current(X509Certificate certificate, String what) {
      try {
        certificate.checkValidity();
      } catch (CertificateExpiredException e) {
        throw new IllegalArgumentException("The certificate of " + what + " expired on " + certificate.getNotAfter().toInstant());
      } catch (CertificateNotYetValidException e) {
        throw new IllegalArgumentException("The certificate of " + what + " is valid only from " + certificate.getNotBefore().toInstant());
      }
    }
  }
}
