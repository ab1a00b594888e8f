package org.topolab.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.topolab.cluster.ClusterProtocol.Deliveries;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.network.Envelope;

/**
 * A member's messages to other members in real time: no windows, each message goes as soon as it
 * has left its sender, gathered over a short slice of wall time into one batch per member.
 */
final class RealTimeExchange implements Consumer<Envelope>, AutoCloseable {

  private static final TypeReference<List<WireEnvelope>> ENVELOPES = new TypeReference<>() {};
  /** How long messages wait to be sent together: short beside any network latency worth simulating. */
  private static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

  private final String run;
  private final int member;
  private final List<ActorRef<ToMember>> hosts;
  private final IntUnaryOperator memberOfNode;
  private final Serialization serialization;
  private final List<ConcurrentLinkedQueue<Envelope>> outgoing = new ArrayList<>();
  private final Thread sender;
  private volatile boolean closed;

  RealTimeExchange(String run, int member, List<ActorRef<ToMember>> hosts, IntUnaryOperator memberOfNode, Serialization serialization) {
    this.run = run;
    this.member = member;
    this.hosts = hosts;
    this.memberOfNode = memberOfNode;
    this.serialization = serialization;
    for (int m = 0; m < hosts.size(); m++) {
      outgoing.add(new ConcurrentLinkedQueue<>());
    }
    this.sender = new Thread(this::sendEverySlice, "topolab-real-time-exchange");
    sender.setDaemon(true);
    sender.start();
  }

  /** A message for a node of another member, just left its sender (on the clock's thread). */
  @Override
  public void accept(Envelope envelope) {
    outgoing.get(memberOfNode.applyAsInt(envelope.to())).add(envelope);
  }

  /** The messages in {@code deliveries}, opened, to {@code into}. */
  void open(Deliveries deliveries, Consumer<Envelope> into) {
    for (WireEnvelope envelope : Cbor.read(deliveries.envelopes(), ENVELOPES)) {
      into.accept(envelope.open(serialization));
    }
  }

  private void sendEverySlice() {
    while (!closed) {
      LockSupport.parkNanos(SLICE_NANOS);
      flush();
    }
    flush();
  }

  private void flush() {
    for (int m = 0; m < hosts.size(); m++) {
      if (m == member) {
        continue;
      }
      List<WireEnvelope> batch = new ArrayList<>();
      Envelope envelope;
      while ((envelope = outgoing.get(m).poll()) != null) {
        batch.add(WireEnvelope.of(envelope, serialization));
      }
      // Kept under one Artery frame: a slice's messages rarely need more than one batch.
      for (int from = 0; from < batch.size(); from += 500) {
        List<WireEnvelope> part = batch.subList(from, Math.min(batch.size(), from + 500));
        hosts.get(m).tell(new Deliveries(run, member, Cbor.write(part)));
      }
    }
  }

  /** Sends what is left and stops. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(sender);
    try {
      sender.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
