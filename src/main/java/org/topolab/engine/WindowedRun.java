package org.topolab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.topolab.network.Envelope;

/**
 * Runs the partitions of a virtual-time run that live in this JVM side by side, one thread each,
 * in conservative windows: every partition fires its events in [T, T + L), where L is the
 * lookahead, and all meet before the next window, together with the partitions in other JVMs
 * through an {@link Exchange}; each then takes in what the others sent it and runs on. A message
 * between partitions takes at least L, so it always arrives in its receiver's future. When nothing
 * is due for a while, the next window starts at the earliest pending event or message anywhere.
 */
final class WindowedRun {

  private final List<PartitionRun> partitions;
  private final PartitionRun[] here;
  private final Placement placement;
  private final Exchange exchange;
  private final long lookahead;
  private final long limit;
  private final LongConsumer progress;
  private final Runnable ready;
  private final long[] next;
  private final WindowBarrier barrier;
  // Written by the barrier's action while every partition waits; read by all after it.
  private long window = -1;
  private long windowEnd;
  private boolean done;
  private volatile Throwable failure;

  /**
   * A run of {@code partitions}, those of the run's partitions that live in this JVM, to {@code
   * limit} (inclusive) with lookahead {@code lookahead}, meeting the others through {@code
   * exchange}; {@code ready} runs once every partition here has spawned its nodes, before time
   * starts.
   */
  WindowedRun(
      List<PartitionRun> partitions,
      Placement placement,
      Exchange exchange,
      long lookahead,
      long limit,
      LongConsumer progress,
      Runnable ready) {
    this.partitions = partitions;
    this.placement = placement;
    this.here = new PartitionRun[placement.partitions()];
    partitions.forEach(partition -> here[partition.index()] = partition);
    this.exchange = exchange;
    this.lookahead = lookahead;
    this.limit = limit;
    this.progress = progress;
    this.ready = ready;
    this.next = new long[partitions.size()];
    this.barrier = new WindowBarrier(partitions.size(), this::planNextWindow);
  }

  /** Starts a partition's nodes on the thread that will drive it. */
  interface PartitionStart {
    /** Spawns the nodes of {@code partition}. */
    void start(PartitionRun partition) throws InterruptedException;
  }

  /**
   * Runs every partition here, the first on the calling thread and each other on a thread of its
   * own; {@code start} spawns a partition's nodes on its thread.
   */
  void execute(PartitionStart start) throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int p = 1; p < partitions.size(); p++) {
      int slot = p;
      Thread thread = new Thread(() -> drive(slot, start), "topolab-partition-" + partitions.get(p).index());
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    drive(0, start);
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure instanceof Exception e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
  }

  private void drive(int slot, PartitionStart start) {
    PartitionRun partition = partitions.get(slot);
    try {
      attempt(() -> start.start(partition));
      if (placement.partitions() == 1) {
        attempt(() -> {
          ready.run();
          partition.runUntil(limit, progress);
        });
        return;
      }
      // A partition that fails goes on meeting the others at every barrier, doing nothing, so
      // that none of them waits for it forever; the next plan then ends the run.
      attempt(() -> next[slot] = partition.nextActivity());
      barrier.await();
      while (!done) {
        long current = window;
        attempt(() -> {
          partition.takeIn(partitions, current - 1);
          partition.runWindow(current, windowEnd - 1, slot == 0 ? progress : time -> {});
          next[slot] = partition.nextActivity();
        });
        barrier.await();
      }
    } finally {
      try {
        partition.stop();
      } catch (Throwable e) {
        fail(e);
      }
    }
  }

  /** A step of a partition's work; it is skipped once any partition has failed. */
  private interface Step {
    void run() throws Exception;
  }

  private void attempt(Step step) {
    if (failure != null) {
      return;
    }
    try {
      step.run();
    } catch (Throwable e) {
      fail(e);
    }
  }

  private synchronized void fail(Throwable e) {
    if (failure == null) {
      failure = e;
    }
  }

  /**
   * Between windows, with every partition here waiting: hands on what they sent elsewhere, takes
   * in what was sent to them, and plans the next window from the earliest activity anywhere. Every
   * JVM of the run computes the same plan from the same figures.
   */
  private void planNextWindow() {
    if (window < 0) {
      attempt(ready::run);
    }
    long earliest = Long.MAX_VALUE;
    for (long time : next) {
      earliest = Math.min(earliest, time);
    }
    long localNext = earliest;
    long[] elsewhere = {Long.MAX_VALUE};
    attempt(() -> {
      List<List<Envelope>> outgoing = new ArrayList<>();
      for (int p = 0; p < placement.partitions(); p++) {
        outgoing.add(new ArrayList<>());
      }
      if (window >= 0) {
        for (PartitionRun partition : partitions) {
          partition.handOver(window, p -> here[p] != null, outgoing);
        }
      }
      elsewhere[0] = exchange.exchange(window, localNext, outgoing, this::deliver);
    });
    if (failure != null) {
      done = true;
      return;
    }
    long start = Math.max(windowEnd, Math.min(earliest, elsewhere[0]));
    if (start > limit) {
      done = true;
      return;
    }
    window++;
    windowEnd = start > limit - lookahead ? limit + 1 : start + lookahead;
  }

  private void deliver(Envelope envelope) {
    PartitionRun target = here[placement.partitionOf(envelope.to())];
    if (target == null) {
      throw new IllegalStateException("a message for node " + envelope.to() + " reached a JVM that does not hold it");
    }
    target.receive(envelope);
  }
}
