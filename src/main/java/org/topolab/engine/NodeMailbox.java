package org.topolab.engine;

import com.typesafe.config.Config;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * The mailbox of node actors ({@value #CONFIG} in application.conf): a plain queue, with no
 * atomic operation and no allocation per message.
 *
 * <p>It can be plain because one thread does all the work: the thread that drives a partition's
 * clock (virtual or real) spawns its nodes, which creates their mailboxes, sends them nearly every
 * message (the clock's events, the network's deliveries, the nodes' own sends) and runs them. A
 * message from any other thread (Pekko's own, say) takes a concurrent side queue instead, which
 * the driving thread empties in its turn; Pekko's mailbox protocol then makes sure the node runs.
 */
public final class NodeMailbox implements MailboxType, ProducesMessageQueue<NodeMailbox.Queue> {

  /** Where the mailbox is configured, as {@code MailboxSelector.fromConfig} names it. */
  public static final String CONFIG = "topolab.node-mailbox";

  /** Called by Pekko with the mailbox's configuration. */
  public NodeMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    return new Queue(Thread.currentThread());
  }

  /** One actor's messages: those of the thread that created it in order, then any from other threads. */
  static final class Queue implements MessageQueue, UnboundedMessageQueueSemantics {
    private final Thread owner;
    // The oldest message of the owner's; most mailboxes never hold more than this one.
    private Envelope first;
    // The owner's later messages, made when first needed.
    private ArrayDeque<Envelope> rest;
    private volatile ConcurrentLinkedQueue<Envelope> foreign;

    Queue(Thread owner) {
      this.owner = owner;
    }

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      if (Thread.currentThread() != owner) {
        foreign().add(handle);
      } else if (first == null) {
        first = handle;
      } else {
        if (rest == null) {
          rest = new ArrayDeque<>();
        }
        rest.add(handle);
      }
    }

    private synchronized ConcurrentLinkedQueue<Envelope> foreign() {
      if (foreign == null) {
        foreign = new ConcurrentLinkedQueue<>();
      }
      return foreign;
    }

    @Override
    public Envelope dequeue() {
      Envelope next = first;
      if (next != null) {
        first = rest == null ? null : rest.poll();
        return next;
      }
      ConcurrentLinkedQueue<Envelope> others = foreign;
      return others == null ? null : others.poll();
    }

    @Override
    public int numberOfMessages() {
      ConcurrentLinkedQueue<Envelope> others = foreign;
      return (first == null ? 0 : 1) + (rest == null ? 0 : rest.size()) + (others == null ? 0 : others.size());
    }

    @Override
    public boolean hasMessages() {
      ConcurrentLinkedQueue<Envelope> others = foreign;
      return first != null || (others != null && !others.isEmpty());
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      for (Envelope envelope = dequeue(); envelope != null; envelope = dequeue()) {
        deadLetters.enqueue(owner, envelope);
      }
    }
  }
}
