package org.topolab.roles.updates;

import java.util.Arrays;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.topolab.network.NetMessage;
import org.topolab.node.GroupInfo;
import org.topolab.node.NodeContext;

/**
 * The server that owns an item: it releases new versions of it on a schedule, pushes each new
 * version to a group (all of its nodes, or a number of them picked at random per version), and
 * answers polls with the latest version or a short "up to date". Releases stop at the end of the
 * workload; polls are answered for as long as the run goes on.
 */
public final class Publisher extends AbstractBehavior<Publisher.Command> {

  /** What a publisher receives. */
  public sealed interface Command permits Poll, Release {}

  /** Time to release the next version. */
  private enum Release implements Command {
    INSTANCE
  }

  /**
   * How a publisher behaves.
   *
   * @param updateBytes the payload of each version
   * @param schedule when versions are released
   * @param pushTo the group each new version is pushed to, or null if the publisher only answers polls
   * @param pushCount how many nodes of {@code pushTo} each version goes to: all of them, or that
   *     many distinct ones picked at random per version; 0 without {@code pushTo}
   */
  public record Spec(long updateBytes, ReleaseSchedule schedule, GroupInfo pushTo, int pushCount) {

    /** Whether every node of {@code pushTo} gets every version. */
    public boolean pushesToAll() {
      return pushTo != null && pushCount == pushTo.count();
    }

    /** Bytes that one version's message occupies on the wire. */
    public long updateMessageBytes() {
      return new Update(0, 1, new long[1], updateBytes).sizeBytes();
    }
  }

  private final NodeContext node;
  private final Spec spec;
  private final PublisherMetrics metrics;
  // Release time of every version so far, index v - 1; replaced, never changed, as each update shares it.
  private long[] releases = new long[0];
  private Update latest;
  // The push group's node indices, shuffled in part for each version when a few are picked at random.
  private int[] pushOrder;

  private Publisher(ActorContext<Command> context, NodeContext node, Spec spec, PublisherMetrics metrics) {
    super(context);
    this.node = node;
    this.spec = spec;
    this.metrics = metrics;
  }

  /** A publisher node; {@code metrics} is shared by its group. */
  public static Behavior<Command> create(NodeContext node, Spec spec, PublisherMetrics metrics) {
    return Behaviors.setup(
        context -> {
          Publisher publisher = new Publisher(context, node, spec, metrics);
          publisher.scheduleRelease(1, 0);
          return publisher;
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Release.class, release -> onRelease())
        .onMessage(Poll.class, this::onPoll)
        .build();
  }

  private void scheduleRelease(int version, long previous) {
    long at = spec.schedule().time(version, previous, node.random());
    if (at >= 0 && at < node.window().endNanos()) {
      node.after(Math.max(0, at - node.now()), getContext().getSelf(), Release.INSTANCE);
    }
  }

  private Behavior<Command> onRelease() {
    long now = node.now();
    int version = releases.length + 1;
    releases = Arrays.copyOf(releases, version);
    releases[version - 1] = now;
    latest = new Update(node.id(), version, releases, spec.updateBytes());
    metrics.released(now);
    if (spec.pushesToAll()) {
      for (int i = 0; i < spec.pushTo().count(); i++) {
        send(spec.pushTo().id(i), latest, now);
      }
    } else if (spec.pushTo() != null) {
      pushToRandomNodes(now);
    }
    scheduleRelease(version + 1, now);
    return this;
  }

  /** Sends the latest version to {@code pushCount} distinct nodes of the push group, picked at random. */
  private void pushToRandomNodes(long now) {
    GroupInfo group = spec.pushTo();
    if (pushOrder == null) {
      pushOrder = new int[group.count()];
      Arrays.setAll(pushOrder, i -> i);
    }
    // A partial Fisher-Yates shuffle: the first pushCount places get a uniformly random subset.
    for (int i = 0; i < spec.pushCount(); i++) {
      int j = i + node.random().nextInt(pushOrder.length - i);
      int picked = pushOrder[j];
      pushOrder[j] = pushOrder[i];
      pushOrder[i] = picked;
      send(group.id(picked), latest, now);
    }
  }

  private Behavior<Command> onPoll(Poll poll) {
    long now = node.now();
    metrics.polled(now);
    if (latest != null && latest.version() > poll.version()) {
      send(poll.from(), latest, now);
    } else {
      send(poll.from(), new NotModified(node.id(), releases.length), now);
    }
    return this;
  }

  private void send(int to, NetMessage message, long now) {
    node.send(to, message);
    metrics.sent(now, message.sizeBytes());
  }
}
