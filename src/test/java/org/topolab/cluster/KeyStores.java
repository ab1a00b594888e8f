package org.topolab.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key stores for tests, made by the JDK's keytool as an operator would make them (docs/cluster.md). */
final class KeyStores {

  private KeyStores() {}

  /**
   * A PKCS12 key store {@code dir/name.p12} holding a fresh self-signed key pair for {@code
   * CN=name}, its key under the store's password as keytool does for PKCS12.
   */
  static Path selfSigned(Path dir, String name, String password) throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    List<String> command =
        List.of(
            System.getProperty("java.home") + "/bin/keytool",
            "-genkeypair",
            "-alias", name,
            // An EC key is generated in a blink, where RSA takes noticeable time on a busy machine.
            "-keyalg", "EC",
            "-groupname", "secp256r1",
            "-dname", "CN=" + name,
            "-validity", "2",
            "-storetype", "PKCS12",
            "-keystore", store.toString(),
            "-storepass", password,
            "-keypass", password);
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    keytool.getOutputStream().close();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      keytool.destroyForcibly();
      throw new IllegalStateException("keytool failed for " + store + ": " + output);
    }
    return store;
  }

  /**
   * A PKCS12 trust store {@code file} with the certificate of every key store in {@code stores}
   * (each opened with {@code password}): keytool's -exportcert and -importcert, without two more
   * JVM starts per certificate.
   */
  static Path trusting(Path file, String password, Path... stores) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (Path store : stores) {
      KeyStore keys = KeyStore.getInstance(store.toFile(), password.toCharArray());
      for (String alias : Collections.list(keys.aliases())) {
        trust.setCertificateEntry(alias, keys.getCertificate(alias));
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, password.toCharArray());
    }
    return file;
  }
}
