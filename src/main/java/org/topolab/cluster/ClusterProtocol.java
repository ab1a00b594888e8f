package org.topolab.cluster;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The messages of a cluster run. The coordinator (the JVM of {@code topolab run --cluster})
 * describes the members, prepares a run on each, starts them together and collects what they
 * measured; between windows the members send each other their messages in batches.
 */
public final class ClusterProtocol {

  private ClusterProtocol() {}

  /** What a member's host receives. */
  public sealed interface ToMember extends ClusterMessage permits Describe, Prepare, Start, Abort, Batch, Deliveries {}

  /** What the coordinator receives. */
  public sealed interface ToCoordinator extends ClusterMessage permits Description, Prepared, Refused, ResultChunk, Failed {}

  /** Asks a member for its {@link Description}. */
  public record Describe(ActorRef<ToCoordinator> replyTo) implements ToMember {}

  /**
   * A member's address, how many partitions it can hold, and its topolab version.
   *
   * @param address as {@code host:port}
   * @param slots partitions it runs at once, one thread each
   * @param version the topolab version it runs
   * @param host the member's host actor
   */
  public record Description(String address, int slots, String version, ActorRef<ToMember> host) implements ToCoordinator {}

  /**
   * Prepares member {@code member} for a run: it builds the run from {@code scenario} (the run's
   * resolved configuration, HOCON text), spawns the nodes of its partitions, and answers {@link
   * Prepared} or {@link Refused}. Partitions are numbered member by member: member m runs {@code
   * shares.get(m)} of them, after those of the members before it.
   *
   * @param run this run's id
   * @param scenario the run's configuration as text
   * @param variant the run's variant
   * @param source the scenario file's name, for messages
   * @param member this member's number in the run, from 0
   * @param hosts every member's host, by number
   * @param shares how many partitions each member runs, by number
   * @param coordinator where answers go
   */
  public record Prepare(
      String run,
      String scenario,
      String variant,
      String source,
      int member,
      List<ActorRef<ToMember>> hosts,
      List<Integer> shares,
      ActorRef<ToCoordinator> coordinator)
      implements ToMember {

    /** The run's partitions in all. */
    int partitions() {
      return shares.stream().mapToInt(Integer::intValue).sum();
    }

    /** The first partition member {@code m} runs. */
    int first(int m) {
      return shares.subList(0, m).stream().mapToInt(Integer::intValue).sum();
    }

    /** The member that runs each partition, by partition. */
    int[] memberOfPartition() {
      int[] members = new int[partitions()];
      for (int m = 0; m < shares.size(); m++) {
        java.util.Arrays.fill(members, first(m), first(m) + shares.get(m), m);
      }
      return members;
    }
  }

  /**
   * Every member is prepared: time starts, in real time at {@code atEpochMillis} on every member's
   * wall clock (0 in virtual time, where the windows keep the members in step).
   */
  public record Start(String run, long atEpochMillis) implements ToMember {}

  /** The run ends at once, for {@code reason}; the member goes back to waiting. */
  public record Abort(String run, String reason) implements ToMember {}

  /**
   * Part {@code part} of {@code parts} of what member {@code from} sent this one in window {@code
   * window}: its messages for this member's partitions, encoded, with its earliest next activity.
   */
  public record Batch(String run, long window, int from, int part, int parts, long next, byte[] envelopes) implements ToMember {}

  /**
   * In real time: messages from member {@code from} for this member's nodes, encoded, sent as they
   * leave their senders, a slice of a millisecond or so at a time.
   */
  public record Deliveries(String run, int from, byte[] envelopes) implements ToMember {}

  /** Member {@code member} has spawned its nodes and waits for {@link Start}. */
  public record Prepared(String run, int member) implements ToCoordinator {}

  /** Member {@code member} cannot take part in the run, for {@code reason}. */
  public record Refused(String run, int member, String address, String reason) implements ToCoordinator {}

  /** Part {@code part} of {@code parts} of member {@code member}'s result, encoded. */
  public record ResultChunk(String run, int member, int part, int parts, byte[] bytes) implements ToCoordinator {}

  /** Member {@code member}'s share of the run failed, for {@code reason}. */
  public record Failed(String run, int member, String address, String reason) implements ToCoordinator {}

  /** Every message type that crosses members: each must be bound to Jackson CBOR. */
  public static List<Class<?>> messageTypes() {
    List<Class<?>> types = new java.util.ArrayList<>();
    types.addAll(List.of(ToMember.class.getPermittedSubclasses()));
    types.addAll(List.of(ToCoordinator.class.getPermittedSubclasses()));
    return types;
  }

  /** The most bytes one message carries: well under Artery's 256 KiB frame. */
  static final int CHUNK_BYTES = 128 * 1024;
}
