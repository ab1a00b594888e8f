package org.topolab.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.topolab.cluster.ClusterProtocol.Batch;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.Exchange;
import org.topolab.network.Envelope;

/**
 * A member's side of the window barrier across the cluster: after each window it sends every
 * other member one batch (in chunks) with the messages for that member's partitions and its
 * earliest next activity, then waits for one batch from each of them. Batches are keyed by
 * window and sender, so they may arrive in any order.
 */
final class ClusterExchange implements Exchange {

  private static final TypeReference<List<WireEnvelope>> ENVELOPES = new TypeReference<>() {};

  private final String run;
  private final int member;
  private final List<ActorRef<ToMember>> hosts;
  private final int[] memberOfPartition;
  private final Serialization serialization;
  // Window -> sender -> what has come of its batch so far. Guarded by this.
  private final Map<Long, Map<Integer, Arriving>> arriving = new HashMap<>();
  private String aborted;

  /** The exchange of member {@code member} of {@code run}, whose partition p lives on {@code memberOfPartition[p]}. */
  ClusterExchange(
      String run, int member, List<ActorRef<ToMember>> hosts, int[] memberOfPartition, Serialization serialization) {
    this.run = run;
    this.member = member;
    this.hosts = hosts;
    this.memberOfPartition = memberOfPartition;
    this.serialization = serialization;
  }

  @Override
  public long exchange(long window, long localNext, List<List<Envelope>> outgoing, Consumer<Envelope> incoming)
      throws InterruptedException {
    List<List<WireEnvelope>> byMember = new ArrayList<>();
    for (int m = 0; m < hosts.size(); m++) {
      byMember.add(new ArrayList<>());
    }
    for (int p = 0; p < outgoing.size(); p++) {
      for (Envelope envelope : outgoing.get(p)) {
        byMember.get(memberOfPartition[p]).add(WireEnvelope.of(envelope, serialization));
      }
    }
    for (int m = 0; m < hosts.size(); m++) {
      if (m == member) {
        continue;
      }
      List<byte[]> chunks = Cbor.split(Cbor.write(byMember.get(m)), ClusterProtocol.CHUNK_BYTES);
      for (int part = 0; part < chunks.size(); part++) {
        hosts.get(m).tell(new Batch(run, window, member, part, chunks.size(), localNext, chunks.get(part)));
      }
    }
    Map<Integer, Arriving> batches = await(window);
    long next = Long.MAX_VALUE;
    for (int m = 0; m < hosts.size(); m++) {
      if (m == member) {
        continue;
      }
      Arriving batch = batches.get(m);
      next = Math.min(next, batch.next);
      for (WireEnvelope envelope : Cbor.read(Cbor.join(batch.parts), ENVELOPES)) {
        incoming.accept(envelope.open(serialization));
      }
    }
    return next;
  }

  /** Takes in part of a batch from another member; called on the member host's thread. */
  synchronized void add(Batch batch) {
    Arriving from =
        arriving.computeIfAbsent(batch.window(), w -> new HashMap<>()).computeIfAbsent(batch.from(), m -> new Arriving(batch.parts()));
    from.add(batch);
    notifyAll();
  }

  /** Ends the run: the window being waited for, or the next, fails with {@code reason}. */
  synchronized void abort(String reason) {
    if (aborted == null) {
      aborted = reason;
    }
    notifyAll();
  }

  private synchronized Map<Integer, Arriving> await(long window) throws InterruptedException {
    while (true) {
      if (aborted != null) {
        throw new IllegalStateException(aborted);
      }
      Map<Integer, Arriving> batches = arriving.get(window);
      if (batches != null && batches.size() == hosts.size() - 1 && batches.values().stream().allMatch(Arriving::complete)) {
        arriving.remove(window);
        return batches;
      }
      wait();
    }
  }

  /** The parts of one member's batch for one window, as they come. */
  private static final class Arriving {
    final byte[][] parts;
    int received;
    long next;

    Arriving(int parts) {
      this.parts = new byte[parts][];
    }

    void add(Batch batch) {
      if (parts[batch.part()] == null) {
        parts[batch.part()] = batch.envelopes();
        received++;
        next = batch.next();
      }
    }

    boolean complete() {
      return received == parts.length;
    }
  }
}
