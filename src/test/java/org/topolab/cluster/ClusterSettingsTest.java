package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.topolab.engine.PekkoConfig;

/**
 * A member's Pekko configuration from the cluster settings: TLS when asked for, with its stores
 * checked before any actor system starts, and never Java serialisation.
 */
class ClusterSettingsTest {

  private static final String PASSWORD = "test-password";
  private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

  @TempDir static Path keys;
  private static Path keyStore;

  @BeforeAll
  static void makeKeyStore() throws Exception {
    keyStore = KeyStores.selfSigned(keys, "member", PASSWORD);
  }

  private static ClusterSettings settings(ClusterSettings.Tls tls) {
    return new ClusterSettings("127.0.0.1", 0, List.of(), tls);
  }

  private static ClusterSettings.Tls tls(String keyStore, String keyStorePassword, String trustStore) {
    return new ClusterSettings.Tls(true, keyStore, keyStorePassword, "", trustStore, PASSWORD);
  }

  private static Config member(ClusterSettings settings) {
    return settings.pekkoConfig(PekkoConfig.load(), List.of());
  }

  @Test
  void tlsIsOffByDefaultAndJavaSerializationStaysOff() {
    ClusterSettings settings = ClusterSettings.from(PekkoConfig.load());
    assertThat(settings.tls().enabled()).isFalse();
    Config config = member(settings);
    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tcp");
    assertThat(config.getBoolean("pekko.actor.allow-java-serialization")).isFalse();
  }

  @Test
  void readsTheTlsSection() {
    Config config =
        ConfigFactory.parseString(
                "topolab.cluster.tls { enabled = on, key-store = a.p12, key-store-password = ks, key-password = k,"
                    + " trust-store = b.p12, trust-store-password = ts }")
            .withFallback(PekkoConfig.load());
    assertThat(ClusterSettings.from(config).tls()).isEqualTo(new ClusterSettings.Tls(true, "a.p12", "ks", "k", "b.p12", "ts"));
  }

  @Test
  void theCommandLineReplacesWhatItGivesAndKeepsThePasswords() {
    ClusterSettings.Tls configured = new ClusterSettings.Tls(false, "a.p12", "ks", "k", "b.p12", "ts");
    assertThat(configured.with(true, "c.p12", null)).isEqualTo(new ClusterSettings.Tls(true, "c.p12", "ks", "k", "b.p12", "ts"));
    assertThat(configured.with(null, null, null)).isEqualTo(configured);
    ClusterSettings cluster = settings(configured).with("10.0.0.5", 25520, List.of("10.0.0.1:25520"));
    assertThat(cluster.tls()).isEqualTo(configured);
  }

  @Test
  void passwordsStayOutOfToString() {
    String shown = settings(new ClusterSettings.Tls(true, "a.p12", "secret-1", "secret-2", "b.p12", "secret-3")).toString();
    assertThat(shown).contains("a.p12", "b.p12").doesNotContain("secret");
  }

  @Test
  void tlsConfiguresArteryForMutualTls13WithTheStoresAtAbsolutePaths() {
    // Relative to the working directory, as a user would write it.
    String relative = Path.of("").toAbsolutePath().relativize(keyStore).toString();
    Config config = member(settings(tls(relative, PASSWORD, relative)));
    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(config.getString("pekko.remote.artery.ssl.ssl-engine-provider")).isEqualTo("org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
    assertThat(config.getBoolean(ENGINE + "require-mutual-authentication")).isTrue();
    assertThat(config.getString(ENGINE + "protocol")).isEqualTo("TLSv1.3");
    assertThat(config.getStringList(ENGINE + "enabled-algorithms")).containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
    assertThat(config.getString(ENGINE + "key-store")).isEqualTo(keyStore.toString());
    assertThat(config.getString(ENGINE + "trust-store")).isEqualTo(keyStore.toString());
    assertThat(config.getString(ENGINE + "key-store-password")).isEqualTo(PASSWORD);
    // keytool gives a PKCS12 key the store's password; an empty key-password says so.
    assertThat(config.getString(ENGINE + "key-password")).isEqualTo(PASSWORD);
    assertThat(config.getString(ENGINE + "trust-store-password")).isEqualTo(PASSWORD);
  }

  @Test
  void aMissingKeyStoreIsNamedWithItsSetting() {
    Path missing = keys.resolve("missing.p12");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(missing.toString(), PASSWORD, keyStore.toString()))))
        .withMessage("topolab.cluster.tls.key-store: no such file " + missing);
  }

  @Test
  void anEmptyKeyStoreSettingIsNamed() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls("", PASSWORD, keyStore.toString()))))
        .withMessageStartingWith("topolab.cluster.tls.key-store is empty");
  }

  @Test
  void aWrongPasswordIsNamedWithTheFile() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(keyStore.toString(), "wrong", keyStore.toString()))))
        .withMessage("topolab.cluster.tls.key-store-password does not open " + keyStore + " (topolab.cluster.tls.key-store)");
  }

  @Test
  void aFileThatIsNoKeyStoreIsNamed() throws Exception {
    Path text = Files.writeString(keys.resolve("notes.txt"), "not a key store");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(text.toString(), PASSWORD, keyStore.toString()))))
        .withMessageStartingWith("topolab.cluster.tls.key-store: " + text + " is not a PKCS12 or JKS key store (")
        .withMessageNotContaining("null");
  }

  @Test
  void aKeyStoreWithoutAKeyIsNamed() throws Exception {
    Path certificatesOnly = KeyStores.trusting(keys.resolve("certificates.p12"), PASSWORD, keyStore);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(certificatesOnly.toString(), PASSWORD, keyStore.toString()))))
        .withMessageStartingWith("topolab.cluster.tls.key-store: " + certificatesOnly + " holds no private key");
  }

  @Test
  void aKeyPasswordThatDoesNotUnlockTheKeyIsNamed() throws Exception {
    // The same key under a password of its own, as a JKS store or openssl may hold it.
    KeyStore original = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("member", original.getKey("member", PASSWORD.toCharArray()), "key-only".toCharArray(), original.getCertificateChain("member"));
    Path file = keys.resolve("key-password.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(file.toString(), PASSWORD, keyStore.toString()))))
        .withMessageStartingWith("topolab.cluster.tls.key-password does not unlock key 'member' in " + file);
    ClusterSettings.Tls withKeyPassword = new ClusterSettings.Tls(true, file.toString(), PASSWORD, "key-only", keyStore.toString(), PASSWORD);
    assertThat(member(settings(withKeyPassword)).getString(ENGINE + "key-password")).isEqualTo("key-only");
  }

  @Test
  void aMissingTrustStoreIsNamedWithItsSetting() {
    Path missing = keys.resolve("trust-missing.p12");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> member(settings(tls(keyStore.toString(), PASSWORD, missing.toString()))))
        .withMessage("topolab.cluster.tls.trust-store: no such file " + missing);
  }

  @Test
  void javaSerializationSwitchedOnIsRefused() {
    Config base = ConfigFactory.parseString("pekko.actor.allow-java-serialization = on").withFallback(PekkoConfig.load());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> settings(ClusterSettings.Tls.OFF).pekkoConfig(base, List.of()))
        .withMessageStartingWith("pekko.actor.allow-java-serialization is on: a cluster member refuses to start");
  }
}
