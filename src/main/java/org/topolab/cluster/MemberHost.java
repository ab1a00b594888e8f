package org.topolab.cluster;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.topolab.cluster.ClusterProtocol.Abort;
import org.topolab.cluster.ClusterProtocol.Batch;
import org.topolab.cluster.ClusterProtocol.Deliveries;
import org.topolab.cluster.ClusterProtocol.Describe;
import org.topolab.cluster.ClusterProtocol.Description;
import org.topolab.cluster.ClusterProtocol.Prepare;
import org.topolab.cluster.ClusterProtocol.Refused;
import org.topolab.cluster.ClusterProtocol.Start;
import org.topolab.cluster.ClusterProtocol.ToCoordinator;
import org.topolab.cluster.ClusterProtocol.ToMember;
import org.topolab.engine.VirtualPartitions;
import org.topolab.report.Version;
import org.topolab.time.RealTimeExecutor;

/**
 * A member's gateway: it registers with the cluster's receptionist, describes the member, takes
 * one run at a time (refusing a second while busy) and passes the other members' batches to the
 * run. The run itself goes on in threads of its own, never on this actor's.
 */
public final class MemberHost {

  /** The key under which every member's host registers. */
  public static final ServiceKey<ToMember> KEY = ServiceKey.create(ToMember.class, "topolab-member");

  private final ActorContext<ToMember> context;
  private final VirtualPartitions partitions;
  private final RealTimeExecutor realTime;
  private final String address;
  private MemberRun current;
  private ActorRef<ToCoordinator> watched;

  private MemberHost(ActorContext<ToMember> context, VirtualPartitions partitions, RealTimeExecutor realTime, String address) {
    this.context = context;
    this.partitions = partitions;
    this.realTime = realTime;
    this.address = address;
  }

  /**
   * The host of a member whose virtual-time partitions run in {@code partitions} and whose
   * real-time nodes run on {@code realTime}'s dispatcher.
   */
  public static Behavior<ToMember> create(VirtualPartitions partitions, RealTimeExecutor realTime) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
          return new MemberHost(context, partitions, realTime, address(context.getSystem())).receive();
        });
  }

  /** Where {@code system} listens, as {@code host:port}. */
  public static String address(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    org.apache.pekko.actor.Address address = system.address();
    return address.getHost().orElse("?") + ":" + address.getPort().orElse(0);
  }

  private Behavior<ToMember> receive() {
    return Behaviors.receive(ToMember.class)
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(Start.class, this::onStart)
        .onMessage(Abort.class, this::onAbort)
        .onMessage(Batch.class, this::onBatch)
        .onMessage(Deliveries.class, this::onDeliveries)
        .build();
  }

  private Behavior<ToMember> onDescribe(Describe describe) {
    describe.replyTo().tell(new Description(address, partitions.slots(), Version.get(), context.getSelf()));
    return Behaviors.same();
  }

  private Behavior<ToMember> onPrepare(Prepare prepare) {
    if (current != null && current.busy()) {
      prepare.coordinator().tell(new Refused(prepare.run(), prepare.member(), address, "busy with another run (" + current.id() + ")"));
      return Behaviors.same();
    }
    int share = prepare.shares().get(prepare.member());
    if (share > partitions.slots()) {
      prepare.coordinator().tell(new Refused(prepare.run(), prepare.member(), address,
          "has room for " + partitions.slots() + " partitions, not " + share));
      return Behaviors.same();
    }
    if (watched != null) {
      context.unwatch(watched);
    }
    watched = prepare.coordinator();
    // A coordinator that leaves mid-run leaves nobody to collect the result: the run ends.
    context.watchWith(watched, new Abort(prepare.run(), "the coordinator left the cluster"));
    current = new MemberRun(prepare, context.getSystem(), partitions, realTime, address);
    Thread thread = new Thread(current, "topolab-member-run");
    thread.setDaemon(true);
    thread.start();
    return Behaviors.same();
  }

  private Behavior<ToMember> onStart(Start start) {
    if (current != null && current.id().equals(start.run())) {
      current.start(start.atEpochMillis());
    }
    return Behaviors.same();
  }

  private Behavior<ToMember> onAbort(Abort abort) {
    if (current != null && current.id().equals(abort.run())) {
      current.abort(abort.reason());
    }
    return Behaviors.same();
  }

  private Behavior<ToMember> onDeliveries(Deliveries deliveries) {
    if (current != null && current.id().equals(deliveries.run())) {
      current.deliver(deliveries);
    }
    return Behaviors.same();
  }

  private Behavior<ToMember> onBatch(Batch batch) {
    if (current != null && current.id().equals(batch.run())) {
      current.exchange().add(batch);
    }
    return Behaviors.same();
  }
}
