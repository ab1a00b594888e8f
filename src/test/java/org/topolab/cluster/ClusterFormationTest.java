package org.topolab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Three actor systems in this JVM, configured by {@link ClusterSettings#pekkoConfig}, form a
 * cluster over plain TCP and over mutual TLS; a member whose certificate the others do not trust
 * never gets in.
 */
class ClusterFormationTest {

  private static final String PASSWORD = "test-password";

  /** Longer than a join attempt and its retry (seed-node-timeout 5 s), so that the intruder has tried more than once. */
  private static final Duration REFUSED_FOR = Duration.ofSeconds(15);

  private final InJvmCluster cluster = new InJvmCluster();

  @TempDir Path keys;

  @AfterEach
  void stopMembers() throws Exception {
    cluster.close();
  }

  @Test
  void threeMembersFormAClusterOverTcp() {
    ClusterSettings settings = new ClusterSettings("127.0.0.1", 0, List.of());
    ActorSystem<Void> first = cluster.first(settings);
    List<ActorSystem<Void>> members = List.of(first, cluster.join(settings, first), cluster.join(settings, first));
    InJvmCluster.awaitUp(members);
  }

  @Test
  void threeMembersFormAClusterOverMutualTls() throws Exception {
    // One key pair for all: each member's trust store is the key store itself, which trusts its own certificate.
    Path shared = KeyStores.selfSigned(keys, "member", PASSWORD);
    ClusterSettings settings = new ClusterSettings("127.0.0.1", 0, List.of(), tls(shared, shared));
    ActorSystem<Void> first = cluster.first(settings);
    assertThat(first.settings().config().getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
    List<ActorSystem<Void>> members = List.of(first, cluster.join(settings, first), cluster.join(settings, first));
    InJvmCluster.awaitUp(members);
  }

  @Test
  void aMemberWithAForeignCertificateCannotJoin() throws Exception {
    Path shared = KeyStores.selfSigned(keys, "member", PASSWORD);
    Path foreign = KeyStores.selfSigned(keys, "intruder", PASSWORD);
    ClusterSettings good = new ClusterSettings("127.0.0.1", 0, List.of(), tls(shared, shared));
    ActorSystem<Void> first = cluster.first(good);
    List<ActorSystem<Void>> members = List.of(first, cluster.join(good, first));
    InJvmCluster.awaitUp(members);

    // The intruder trusts the members, so only their refusal of its certificate (mutual authentication) keeps it out.
    Path intruderTrust = KeyStores.trusting(keys.resolve("intruder-trust.p12"), PASSWORD, foreign, shared);
    HandshakeFailures failures = HandshakeFailures.watch();
    try {
      ActorSystem<Void> intruder = cluster.join(good.withTls(tls(foreign, intruderTrust)), first);
      long end = System.nanoTime() + REFUSED_FOR.toNanos();
      while (System.nanoTime() < end) {
        for (ActorSystem<Void> member : members) {
          assertThat(InJvmCluster.allUp(member, members)).as("the members alone, all Up: %s", InJvmCluster.views(members)).isTrue();
        }
        assertThat(Cluster.get(intruder).selfMember().status()).as("the intruder's own status").isNotEqualTo(MemberStatus.up());
        InJvmCluster.sleep();
      }
      // Proof that it did knock and was turned away by TLS: a join that never left would pass the loop too.
      InJvmCluster.await(InJvmCluster.FORMATION, () -> failures.count() > 0, () -> "no TLS handshake failed");
    } finally {
      failures.unwatch();
    }
  }

  /** Counts the log events, from any member, of a failed TLS handshake. */
  private static final class HandshakeFailures extends AppenderBase<ILoggingEvent> {

    private final AtomicInteger count = new AtomicInteger();

    static HandshakeFailures watch() {
      HandshakeFailures failures = new HandshakeFailures();
      failures.start();
      root().addAppender(failures);
      return failures;
    }

    private static Logger root() {
      return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    int count() {
      return count.get();
    }

    void unwatch() {
      root().detachAppender(this);
      stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
      if (event.getFormattedMessage().contains("SSLHandshakeException")) {
        count.incrementAndGet();
      }
    }
  }

  private static ClusterSettings.Tls tls(Path keyStore, Path trustStore) {
    return new ClusterSettings.Tls(true, keyStore.toString(), PASSWORD, "", trustStore.toString(), PASSWORD);
  }
}
